namespace Serverless.Host.Tests;

/// <summary>
/// Lambda mode is not built yet: a host started under Lambda's Runtime API must refuse, not accept orders whose sagas
/// would never run.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class LambdaModeTests
{
    [Fact]
    public async Task Under_the_Lambda_runtime_api_the_host_refuses_to_start_in_one_line_and_writes_nothing()
    {
        using var data = new TempDirectory("lambda-mode");
        var host = Path.Combine(AppContext.BaseDirectory, "Serverless.Host.dll");
        var start = ChildProcess.StartInfo(Dotnet(), data.Path, host, "--port", "0", "--data-dir", data.Path);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001";

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1));

        Assert.False(result.TimedOut, result.Tail());
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("AWS_LAMBDA_RUNTIME_API is set", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path)
            ? path
            : "dotnet";
}
