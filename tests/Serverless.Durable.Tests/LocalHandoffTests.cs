using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Serverless.Durable.Engine;
using Serverless.Durable.Tests.Support;
using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Tests;

/// <summary>
/// On a transactional store, the work an episode or an activity outcome causes goes straight to a free slot of the
/// in-process worker, written first as received by it: no poll stands between the steps of an orchestration.
/// </summary>
public sealed class LocalHandoffTests : IDisposable
{
    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "durable-handoff-" + Guid.NewGuid().ToString("N"));

    public LocalHandoffTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Every_step_after_the_first_wake_up_runs_without_a_poll()
    {
        // The clock never moves and nothing signals the pollers: after their first empty poll they wait for ever, so
        // only the hand-off can carry the orchestration from its first episode (run here by hand) to its end.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var storage = new SqliteStorageProvider(
            new SqliteStorageOptions { DataSource = Path.Combine(_directory, "handoff.db") },
            time);
        var services = GreetTwice.Services(storage, time, options => options.TaskHub = "handoff")
            .AddEngineQueueService();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<DurableTaskClient>();
        var engine = provider.GetRequiredService<DurableTaskEngine>();
        var worker = provider.GetRequiredService<IHostedService>();
        await worker.StartAsync(CancellationToken.None);
        await WhenPumpsRunAsync(
            provider.GetRequiredService<LocalQueueWorkers>(),
            [engine.OrchestrationQueue, .. engine.ActivityQueues]);
        var id = await client.ScheduleNewOrchestrationInstanceAsync(GreetTwice.Name, "ada");

        await engine.HandleWakeUpAsync(id);
        var completed = await WaitForCompletionAsync(client, id);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(GreetTwice.Output("ada"), completed.ReadOutputAs<string>());
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

    // The worker starts its pumps in the background; until one runs, nothing can be handed to it.
    private static async Task WhenPumpsRunAsync(LocalQueueWorkers local, IEnumerable<string> queues)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        foreach (var queue in queues)
        {
            LocalDelivery? slot;
            while ((slot = local.TryReserve(queue)) is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), deadline.Token);
            }

            slot.Cancel();
        }
    }

    private static async Task<OrchestrationMetadata> WaitForCompletionAsync(DurableTaskClient client, string id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await client.GetInstanceAsync(
                id,
                getInputsAndOutputs: true,
                deadline.Token) is { IsCompleted: true } done)
            {
                return done;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token);
        }
    }
}
