using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Serverless.Emulators;

/// <summary>
/// The npm packages that the package.json of one bench project pins (its <c>devDependencies</c>), installed in the
/// node_modules beside it with <c>npm ci</c> when one is missing or at another version. A file lock next to
/// package.json serializes processes that start at the same moment, so no run needs a manual step.
/// </summary>
/// <param name="project">The bench project's folder name (e.g. <c>Serverless.Azurite</c>).</param>
/// <param name="owner">The project's assembly, which records where its package.json is at build time.</param>
/// <param name="packages">The packages whose pinned versions must be installed.</param>
public sealed class NpmPackages(string project, Assembly owner, params string[] packages)
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    // One install at a time in this process, whichever project's: the file lock is per folder, not per thread.
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>
    /// Returns <paramref name="locate"/>'s answer for the folder holding package.json, running <c>npm ci</c> first
    /// when a package is not at its pinned version or <paramref name="locate"/> finds nothing.
    /// </summary>
    public async Task<T> EnsureAsync<T>(Func<string, T?> locate, CancellationToken cancellationToken)
        where T : class
    {
        var directory = PackageDirectory();
        if (AllPinned(directory) && locate(directory) is { } found)
        {
            return found;
        }

        await InProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(InstallTimeout);
            using var fileLock = await AcquireAsync(Path.Combine(directory, ".npm-install.lock"), deadline.Token)
                .ConfigureAwait(false);

            // Another process may have installed them while this one waited for the lock.
            if (!AllPinned(directory) || locate(directory) is null)
            {
                await NpmCiAsync(directory, deadline.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            InProcess.Release();
        }

        return AllPinned(directory) && locate(directory) is { } installed
            ? installed
            : throw new InvalidOperationException(
                $"npm ci in {directory} did not install {string.Join(", ", packages)} at the pinned versions.");
    }

    private bool AllPinned(string directory) =>
        packages.All(p => InstalledVersion(directory, p) is { } installed && installed == PinnedVersion(directory, p));

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
    private string PackageDirectory()
    {
        var recorded = owner.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PackageDirectory")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "package.json")))
        {
            return recorded;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", project);
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No bench/{project}/package.json at {recorded} nor above {AppContext.BaseDirectory}.");
    }
}
