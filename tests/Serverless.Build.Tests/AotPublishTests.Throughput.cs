using System.Reflection;

namespace Serverless.Build.Tests;

// bench/throughput kept runnable on the host this class already publishes (no second publish): a tiny run (a few
// orders, closed and open loop, and the Azure Storage comparison), whose exit code the benchmark's invariants decide
// (every order confirmed, stock conserved, one charge per order). Nothing is timed or compared: the README's numbers
// come from real runs.
public sealed partial class AotPublishTests
{
    private static readonly TimeSpan BenchTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Throughput_bench_runs_a_few_orders_on_the_published_host_and_its_invariants_hold()
    {
        Assert.True(File.Exists(publish.Executable), publish.Report);
        var bench = typeof(AotPublishTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ThroughputBench").Value!;
        Assert.True(File.Exists(bench), $"No {bench}: bench/throughput was not built.");
        var work = Directory.CreateTempSubdirectory("throughput-smoke-").FullName;
        try
        {
            var start = ChildProcess.StartInfo("dotnet", RepositoryRoot.Find(),
                bench, "--prebuilt", $"Aot={publish.PublishDirectory}", "--orders", "12", "--clients", "3",
                "--rates", "10", "--duration", "1", "--azure-orders", "3", "--idle", "1", "--timeout", "120",
                "--work", work);

            var result = await ChildProcess.RunAsync(start, BenchTimeout);

            Assert.True(
                result.ExitCode == 0,
                $"bench/throughput exited {result.ExitCode}{(result.TimedOut ? " (killed)" : "")}:\n{result.Tail()}");
            var rows = result.Output.Split('\n')
                .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(
                    "| hold |",
                    StringComparison.Ordinal))
                .ToList();
            Assert.True(
                rows.Count == 3,
                $"Expected 3 report rows whose invariants hold (closed, open, Azure Storage):\n{result.Tail()}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
