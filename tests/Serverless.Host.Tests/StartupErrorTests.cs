using System.Globalization;

namespace Serverless.Host.Tests;

/// <summary>
/// A setting the host cannot start with ends the real process before it listens: one line on stderr naming the
/// setting, exit code 78, no stack trace, nothing served.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class StartupErrorTests
{
    public static TheoryData<string, string> BadSettings => new()
    {
        { "--port=abc", "Serverless:Port" },
        { "--Orders:ApprovalThreshold=a lot", "Orders:ApprovalThreshold" },
        { "--Orders:ApprovalThreshold=-1", "Orders:ApprovalThreshold" },
        { "--Orders:Simulator:RefundFailures=-1", "Orders:Simulator" },
        { "--Durable:MaxConcurrentActivities=many", "Durable:MaxConcurrentActivities" },
        { "--Serverless:Workers:HeartbeatInterval=00:01:00", "Serverless:Workers" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_ends_the_start_in_one_line_naming_it(string argument, string setting)
    {
        using var directory = new TempDirectory("bad-setting");
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var start = ChildProcess.StartInfo(
            "dotnet",
            directory.Path,
            Path.Combine(AppContext.BaseDirectory, "Serverless.Host.dll"),
            "--port", port,
            "--data-dir", Path.Combine(directory.Path, "data"),
            argument);

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 78, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.True(result.StandardOutput.Trim().Length == 0, $"The host printed before refusing: {result}");
    }
}
