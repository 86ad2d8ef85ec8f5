using System.Text.Json;

namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// The CDK CLI infra/aws/package.json pins, installed by <c>npm ci</c> on first use (a file lock next to package.json
/// serializes test runs that start together), and run without an AWS account: context names a dummy account and
/// region, nothing asks the instance metadata service, telemetry and the version check are off.
/// </summary>
internal static class CdkCli
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static string AppDirectory => RepositoryRoot.Combine("infra", "aws");

    private static string Executable => Path.Combine(AppDirectory, "node_modules", ".bin", "cdk");

    public static async Task<ProcessResult> RunAsync(IEnumerable<string> arguments)
    {
        await EnsureInstalledAsync();
        return await ChildProcess.RunAsync(Executable, AppDirectory, arguments, await EnvironmentAsync());
    }

    /// <summary>What the CLI and the app run with (see the class summary).</summary>
    public static async Task<Dictionary<string, string?>> EnvironmentAsync() => new()
    {
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["CDK_DISABLE_CLI_TELEMETRY"] = "true",
        ["CDK_DISABLE_VERSION_CHECK"] = "true",
        // jsii warns about this machine's Node release (20, past its end of life) on every synth.
        ["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = await NodeMajorAsync(),
    };

    private static async Task<string> NodeMajorAsync()
    {
        var result = await ChildProcess.RunAsync("node", AppDirectory, ["-p", "process.versions.node.split('.')[0]"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput.Trim();
    }

    private static async Task EnsureInstalledAsync()
    {
        if (Installed())
        {
            return;
        }

        await InProcess.WaitAsync();
        try
        {
            using var fileLock = await AcquireAsync(Path.Combine(AppDirectory, ".cdk-install.lock"));
            if (!Installed())
            {
                var result = await ChildProcess.RunAsync(
                    "npm",
                    AppDirectory,
                    ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
                Assert.True(result.ExitCode == 0, $"npm ci in {AppDirectory} failed:\n{result}");
            }
        }
        finally
        {
            InProcess.Release();
        }

        Assert.True(Installed(), $"npm ci in {AppDirectory} did not install aws-cdk {PinnedVersion()}.");
    }

    private static bool Installed()
    {
        var installed = Path.Combine(AppDirectory, "node_modules", "aws-cdk", "package.json");
        return File.Exists(installed) && File.Exists(Executable) && Version(installed) == PinnedVersion();
    }

    private static string PinnedVersion()
    {
        using var package = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppDirectory, "package.json")));
        return package.RootElement.GetProperty("devDependencies").GetProperty("aws-cdk").GetString()!;
    }

    private static string? Version(string packageJson)
    {
        using var package = JsonDocument.Parse(File.ReadAllBytes(packageJson));
        return package.RootElement.GetProperty("version").GetString();
    }

    private static async Task<FileStream> AcquireAsync(string path)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
    }
}
