namespace Serverless.Build.Tests;

// What the default publish carries: the embedded SQLite backend only. A dependency that would bring the cloud SDKs (or
// anything of their size) back into every build fails here, by size, not by a timing.
public sealed partial class AotPublishTests
{
    /// <summary>
    /// The default binary was 14.6 MiB when this budget was set (December 2026); with the Azure SDK and the Service Bus
    /// client built in it was 27.6 MiB, and its start was 1.3 times as long (bench/README.md, Cold start).
    /// </summary>
    private const long DefaultBinaryBudgetBytes = 17L * 1024 * 1024;

    [Fact]
    public void Default_binary_stays_within_its_size_budget()
    {
        Assert.True(File.Exists(publish.Executable), publish.Report);

        var bytes = new FileInfo(publish.Executable).Length;

        Assert.True(
            bytes <= DefaultBinaryBudgetBytes,
            $"{publish.Executable} is {bytes / 1048576.0:0.0} MiB, over its budget of " +
                $"{DefaultBinaryBudgetBytes / 1048576.0:0.0} MiB: what new dependency does every start now map?");
    }

    [Theory]
    [InlineData("AzureWebJobsStorage", "UseDevelopmentStorage=true", "AzureWebJobsStorage", "-p:Cloud=Azure")]
    [InlineData("Orders__Payments__Gateway", "Card", "Orders:Payments:Gateway", "-p:Payments=Card")]
    [InlineData(
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318", "OTEL_EXPORTER_OTLP_ENDPOINT", "-p:Telemetry=Otlp")]
    public async Task Default_binary_refuses_a_feature_it_left_out_in_one_line_naming_the_publish_option(
        string variable, string value, string setting, string publishOption)
    {
        Assert.True(File.Exists(publish.Executable), publish.Report);
        using var directory = new TempDirectory();
        var start = ChildProcess.StartInfo(publish.Executable, directory.Path, "--port", FreePort.Next().ToString(
            System.Globalization.CultureInfo.InvariantCulture));
        start.Environment[variable] = value;

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 78, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.Contains(publishOption, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_binary_refuses_Lambda_mode_in_one_line_naming_the_publish_option()
    {
        Assert.True(File.Exists(publish.Executable), publish.Report);
        using var directory = new TempDirectory();
        var start = ChildProcess.StartInfo(publish.Executable, directory.Path);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9";
        start.Environment["Serverless__Aws__TableName"] = "orders";

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 78, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("AWS_LAMBDA_RUNTIME_API is set", line, StringComparison.Ordinal);
        Assert.Contains("-p:Cloud=Aws", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_binary_collects_with_the_workstation_garbage_collector()
    {
        await using var host = await StartHealthyAsync();

        // The runtime names its threads; Server GC runs one ".NET Server GC" thread per heap, Workstation GC none.
        var threads = Directory.GetDirectories($"/proc/{host.ProcessId}/task")
            .Select(ThreadName)
            .ToList();

        Assert.Contains(".NET Finalizer", threads);
        Assert.DoesNotContain(".NET Server GC", threads);
    }

    private static string? ThreadName(string taskDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(taskDirectory, "comm")).Trim();
        }
        catch (IOException)
        {
            return null; // the thread exited since the listing
        }
    }
}
