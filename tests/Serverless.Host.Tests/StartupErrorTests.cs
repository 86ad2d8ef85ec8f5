using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Serverless.Host.Tests;

/// <summary>
/// A start that cannot succeed ends the real process in one line on stderr naming the setting or the resource and
/// what to do: exit code 78 for a setting (before the server listens, nothing served), 1 for a resource; no stack
/// trace and no failure log unless <c>--verbose</c>.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class StartupErrorTests
{
    private const string CardSettings =
        "--Orders:Payments:Card:BaseUrl=https://api.payments.example/|--Orders:Payments:Card:ApiKey=sk_test_x";

    public static TheoryData<string, string> BadSettings => new()
    {
        { "--port=abc", "Serverless:Port" },
        { "--Orders:ApprovalThreshold=a lot", "Orders:ApprovalThreshold" },
        { "--Orders:ApprovalThreshold=-1", "Orders:ApprovalThreshold" },
        { "--Orders:ScreenThreshold=-0.01", "Orders:ScreenThreshold" },
        { "--Orders:ScreenThreshold=plenty", "Orders:ScreenThreshold" },
        { "--Orders:Simulator:RefundFailures=-1", "Orders:Simulator:RefundFailures" },
        { "--Orders:Fulfilment:SimulatedFailures=-1", "Orders:Fulfilment:SimulatedFailures" },
        { "--Orders:Payments:Gateway=Paypal", "Orders:Payments:Gateway" },
        { "--Orders:Payments:Gateway=Card", "Orders:Payments:Card:BaseUrl" },
        { $"--Orders:Payments:Gateway=Card|{CardSettings}|--Orders:Payments:Card:Currency=EURO", "Currency" },
        { $"--Orders:Payments:Gateway=Card|{CardSettings}|--Orders:Payments:Card:AttemptTimeout=soon",
            "Orders:Payments:Card:AttemptTimeout" },
        { "--Durable:MaxConcurrentActivities=many", "Durable:MaxConcurrentActivities" },
        { "--Durable:MaxConcurrentActivities=0", "Durable:MaxConcurrentActivities" },
        { "--Durable:Retention:Interval=00:00:00", "Durable:Retention:Interval" },
        { "--Durable:Retention:BatchSize=5000", "Durable:Retention:BatchSize" },
        { "--Durable:QueueMetricsInterval=-00:00:01", "Durable:QueueMetricsInterval" },
        { "--Durable:LocalActivityClaim=00:00:01", "Durable:LocalActivityClaim" },
        { "--Orders:Metrics:CompensatingReadInterval=-00:00:01", "Orders:Metrics:CompensatingReadInterval" },
        { "--Serverless:Workers:HeartbeatInterval=00:01:00", "Serverless:Workers" },
        { "--Serverless:MaxRequestBodySize=-5", "Serverless:MaxRequestBodySize" },
        { "--Serverless:LogFormat=xml", "Serverless:LogFormat" },
        { "--Serverless:Admission:MaxWorkDelay=-00:00:01", "Serverless:Admission:MaxWorkDelay" },
        { "--Serverless:RateLimit:ReplenishmentPeriod=soon", "Serverless:RateLimit:ReplenishmentPeriod" },
        { "--Serverless:RateLimit:TokensPerPeriod=0", "Serverless:RateLimit:TokensPerPeriod" },
        { "--Serverless:Queues:BatchSize=0", "Serverless:Queues:BatchSize" },
        { "--Serverless:Aws:TableName=ab", "Serverless:Aws:TableName" },
        { "--Serverless:Aws:TableName=orders|--AWS_ENDPOINT_URL_SQS=nowhere", "AWS_ENDPOINT_URL_SQS" },
        { "--Serverless:Aws:TableName=orders|--AzureWebJobsStorage=UseDevelopmentStorage=true", "AzureWebJobsStorage" },
        { "--Dashboard:TraceLinkTemplate=ftp://traces.example/{traceId}", "Dashboard:TraceLinkTemplate" },
        { "--Dashboard:TraceLinkTemplate=http://localhost:16686/trace/", "Dashboard:TraceLinkTemplate" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_ends_the_start_in_one_line_naming_it(string argument, string setting)
    {
        using var directory = new TempDirectory("bad-setting");

        // '|' separates the arguments of a setting that takes two.
        var result = await RunHostAsync(directory, FreePort.Next(), argument.Split('|'));

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains(setting, SingleErrorLine(result), StringComparison.Ordinal);
        Assert.True(result.StandardOutput.Trim().Length == 0, $"The host printed before refusing: {result}");
    }

    [Fact]
    public async Task A_port_in_use_ends_the_start_in_one_line_naming_the_port()
    {
        using var directory = new TempDirectory("port-in-use");
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var result = await RunHostAsync(directory, port);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = SingleErrorLine(result);
        Assert.Contains($"Port {port}", line, StringComparison.Ordinal);
        Assert.Contains("--port", line, StringComparison.Ordinal);
        AssertNoFailureLog(result);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace_of_a_failed_start()
    {
        using var directory = new TempDirectory("port-in-use-verbose");
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();

        var result = await RunHostAsync(directory, ((IPEndPoint)squatter.LocalEndpoint).Port, "--verbose");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("is already in use", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("AddressInUseException", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_written_ends_the_start_before_it_listens()
    {
        using var directory = new TempDirectory("unwritable");
        // A path under a regular file: no user, root included, can create it.
        var file = Path.Combine(directory.Path, "a-file");
        await File.WriteAllTextAsync(file, "");
        var dataDirectory = Path.Combine(file, "data");

        var result = await RunHostAsync(directory, FreePort.Next(), "--data-dir", dataDirectory);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = SingleErrorLine(result);
        Assert.Contains(dataDirectory, line, StringComparison.Ordinal);
        Assert.Contains("--data-dir", line, StringComparison.Ordinal);
        Assert.True(result.StandardOutput.Trim().Length == 0, $"The host printed before refusing: {result}");
    }

    [Fact]
    public async Task Storage_that_never_answers_ends_the_start_after_its_timeout_in_one_line_naming_it()
    {
        using var directory = new TempDirectory("no-storage");
        var start = HostStart(directory, FreePort.Next(), "--Serverless:StorageStartTimeout=00:00:02");
        using var tables = new SilentPort();
        using var queues = new SilentPort();
        start.Environment["AzureWebJobsStorage"] = AzuriteLikeConnection(tables.Port, queues.Port);

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = SingleErrorLine(result);
        Assert.Contains("AzureWebJobsStorage", line, StringComparison.Ordinal);
        Assert.Contains("did not answer within 2 s", line, StringComparison.Ordinal);
        Assert.Contains("Serverless:StorageStartTimeout", line, StringComparison.Ordinal);
        AssertNoFailureLog(result);
    }

    [Fact]
    public async Task A_storage_start_timeout_that_is_not_positive_is_a_bad_setting()
    {
        using var directory = new TempDirectory("bad-storage-timeout");
        var start = HostStart(directory, FreePort.Next(), "--Serverless:StorageStartTimeout=00:00:00");
        start.Environment["AzureWebJobsStorage"] = AzuriteLikeConnection(FreePort.Next(), FreePort.Next());

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains("Serverless:StorageStartTimeout", SingleErrorLine(result), StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunHostAsync(TempDirectory directory, int port, params string[] arguments) =>
        ChildProcess.RunAsync(HostStart(directory, port, arguments), TimeSpan.FromSeconds(60));

    private static ProcessStartInfo HostStart(TempDirectory directory, int port, params string[] arguments) =>
        ChildProcess.StartInfo(
            "dotnet",
            directory.Path,
            [
                Path.Combine(AppContext.BaseDirectory, "Serverless.Host.dll"),
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--data-dir", Path.Combine(directory.Path, "data"),
                .. arguments,
            ]);

    private static string AzuriteLikeConnection(int tablePort, int queuePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;";

    private static string SingleErrorLine(ProcessResult result)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"Expected one line on stderr: {result}");
        return lines[0];
    }

    private static void AssertNoFailureLog(ProcessResult result)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.False(output.Contains(" fail: ", StringComparison.Ordinal), result.ToString());
        Assert.False(output.Contains(" crit: ", StringComparison.Ordinal), result.ToString());
        Assert.False(output.Contains("   at ", StringComparison.Ordinal), result.ToString());
    }
}
