using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serverless.Durable.Engine;
using Serverless.Durable.Tests.Support;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Tests;

/// <summary>
/// On a transactional store, the worker that ran an instance's last episode applies the outcome of the activity it
/// scheduled straight to the instance, in the commit that completes the work item: no inbox row, no wake-up. Anywhere
/// else (another process, nothing cached) the outcome goes through the inbox and a wake-up as before.
/// </summary>
public sealed class DirectOutcomeTests : IDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);
    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "durable-direct-" + Guid.NewGuid().ToString("N"));

    public DirectOutcomeTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task The_worker_that_ran_the_episode_applies_each_activity_outcome_without_a_wake_up()
    {
        await using var hub = Start(cachedInstances: 1024);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(GreetTwice.Name, "ada");

        await hub.RunNextWakeUpAsync();
        await hub.RunNextActivityAsync();
        await hub.RunNextActivityAsync();

        var completed = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed!.RuntimeStatus);
        Assert.Equal(GreetTwice.Output("ada"), completed.ReadOutputAs<string>());
        Assert.Empty(await hub.WakeUps.ReceiveAsync(32, Visibility));
    }

    [Fact]
    public async Task Without_the_execution_in_memory_an_outcome_goes_through_the_inbox_and_a_wake_up()
    {
        await using var hub = Start(cachedInstances: 0);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(GreetTwice.Name, "ada");

        await hub.RunNextWakeUpAsync();
        await hub.RunNextActivityAsync();

        var wakeUp = Assert.Single(await hub.WakeUps.ReceiveAsync(32, Visibility));
        Assert.Equal(id, wakeUp.Body);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task After_another_workers_episode_an_outcome_goes_through_the_inbox_and_the_saga_still_completes()
    {
        await using var first = Start(cachedInstances: 1024);
        await using var second = Start(cachedInstances: 1024);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync(GreetTwice.Name, "ada");
        await first.RunNextWakeUpAsync();
        await second.Client.RaiseEventAsync(id, "unrelated", "poke");
        await second.RunNextWakeUpAsync();

        await first.RunNextActivityAsync();

        // The outcome went through the inbox: the instance has a wake-up, which the other worker takes.
        await second.RunNextWakeUpAsync();
        await second.RunNextActivityAsync();
        var completed = await first.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed!.RuntimeStatus);
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

    private Hub Start(int cachedInstances)
    {
        // No worker: the test receives each message and hands it to the engine itself.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var storage = new SqliteStorageProvider(
            new SqliteStorageOptions { DataSource = Path.Combine(_directory, "direct.db") },
            time);
        var provider = GreetTwice.Services(storage, time, options =>
            {
                options.TaskHub = "direct";
                options.MaxCachedInstances = cachedInstances;
            })
            .BuildServiceProvider();
        return new Hub(storage, provider);
    }

    private sealed class Hub(SqliteStorageProvider storage, ServiceProvider services) : IAsyncDisposable
    {
        private readonly DurableTaskEngine _engine = services.GetRequiredService<DurableTaskEngine>();

        public DurableTaskClient Client { get; } = services.GetRequiredService<DurableTaskClient>();

        public IQueue WakeUps => storage.GetQueue(_engine.OrchestrationQueue);

        private IQueue WorkItems => storage.GetQueue(Assert.Single(_engine.ActivityQueues));

        public async Task RunNextWakeUpAsync()
        {
            var delivery = new QueueCompletion(WakeUps.Name, Assert.Single(await WakeUps.ReceiveAsync(32, Visibility)));
            Assert.True(QueuePump.CompletedByHandler(await _engine.HandleWakeUpAsync(delivery), delivery));
        }

        public async Task RunNextActivityAsync()
        {
            var delivery = new QueueCompletion(
                WorkItems.Name,
                Assert.Single(await WorkItems.ReceiveAsync(32, Visibility)));
            Assert.True(QueuePump.CompletedByHandler(await _engine.HandleWorkItemAsync(delivery), delivery));
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            storage.Dispose();
        }
    }
}
