using System.Diagnostics;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Durable.Client;
using Serverless.Durable.Serialization;
using Serverless.Durable.TestWorker;
using Serverless.Storage.Sqlite;

namespace Serverless.Durable.Tests;

/// <summary>Two real worker processes share one SQLite file and the work of many orchestrations.</summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class TwoProcessTests : IDisposable
{
    private const int Instances = 200;
    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "two-processes-" + Guid.NewGuid().ToString("N"));

    public TwoProcessTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Two_worker_processes_complete_every_orchestration_once_and_lose_no_activity_result()
    {
        var database = Path.Combine(_directory, "shared.db");
        using var storage = new SqliteStorageProvider(new SqliteStorageOptions { DataSource = database });
        var client = new EngineDurableTaskClient(
            storage,
            Options.Create(new DurableTaskOptions { TaskHub = "twoprocesses" }),
            new SourceGeneratedDataConverter());
        for (var i = 0; i < Instances; i++)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                SharedWork.SumOfDoubles,
                i,
                new StartOrchestrationOptions($"sum-{i:D3}"));
        }

        using var first = StartWorker(database);
        using var second = StartWorker(database);
        try
        {
            await WaitUntilAllFinishedAsync(client, TimeSpan.FromMinutes(3), first, second);
        }
        finally
        {
            Stop(first);
            Stop(second);
        }

        var processes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Instances; i++)
        {
            var state = await client.GetInstanceAsync($"sum-{i:D3}", getInputsAndOutputs: true);
            var history = await client.GetOrchestrationHistoryAsync($"sum-{i:D3}");
            Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
            Assert.Equal((6 * i) + 6, state.ReadOutputAs<int>());
            Assert.Single(history, e => e is ExecutionCompletedEvent);
            Assert.Equal(3, history.Count(e => e is TaskScheduledEvent));
            Assert.Equal(3, history.Count(e => e is TaskCompletedEvent));
            var effects = await storage.GetTable(SharedWork.EffectsTable).QueryPartitionAsync($"sum-{i:D3}");
            processes.UnionWith(effects.Select(e => e["Process"]!));
        }

        Assert.Equal(2, processes.Count);
    }

    private static Process StartWorker(string database)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "Serverless.Durable.TestWorker.dll");
        var process = Process.Start(new ProcessStartInfo("dotnet", [worker, database])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        return process;
    }

    private static void Stop(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitUntilAllFinishedAsync(
        DurableTaskClient client,
        TimeSpan timeout,
        params Process[] workers)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            // A worker that cannot start (a missing assembly) ends at once; waiting out the deadline would hide why.
            if (workers.FirstOrDefault(w => w.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"A worker process exited with code {exited.ExitCode} before " +
                    "every orchestration finished; its error is in the test output.");
            }

            var unfinished = 0;
            await foreach (var _ in client.GetAllInstancesAsync(new OrchestrationQuery
            {
                Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running],
                PageSize = 1000,
            }))
            {
                unfinished++;
            }

            if (unfinished == 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Not every orchestration finished within {timeout}.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
