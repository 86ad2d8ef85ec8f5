using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serverless.Durable.Engine;
using Serverless.Durable.Tests.Support;
using Serverless.Storage;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Tests;

/// <summary>
/// The worker that ran an instance's last episode applies the outcome of the activity it scheduled straight to the
/// instance: no inbox row, no wake-up. On a transactional store the commit completes the work item; on an outbox
/// store the pump completes it after. Anywhere else (another process, nothing cached) the outcome goes through the
/// inbox and a wake-up.
/// </summary>
public sealed class DirectOutcomeTests : IDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);
    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "durable-direct-" + Guid.NewGuid().ToString("N"));

    public DirectOutcomeTests() => Directory.CreateDirectory(_directory);

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Outbox)]
    public async Task The_worker_that_ran_the_episode_applies_each_activity_outcome_without_a_wake_up(Backend backend)
    {
        await using var hub = Start(cachedInstances: 1024, backend);
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
    public async Task On_outbox_storage_each_outbox_row_goes_with_the_next_commit_and_none_is_left_behind()
    {
        await using var hub = Start(cachedInstances: 1024, Backend.Outbox);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(GreetTwice.Name, "ada");

        await hub.RunNextWakeUpAsync();
        var first = Assert.Single(await hub.OutboxRowsAsync(id));
        await hub.RunNextActivityAsync();
        var second = Assert.Single(await hub.OutboxRowsAsync(id));
        await hub.RunNextActivityAsync();

        Assert.NotEqual(first, second);
        Assert.Empty(await hub.OutboxRowsAsync(id));
        Assert.Equal(
            OrchestrationRuntimeStatus.Completed,
            (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Outbox)]
    public async Task Without_the_execution_in_memory_an_outcome_goes_through_the_inbox_and_a_wake_up(Backend backend)
    {
        await using var hub = Start(cachedInstances: 0, backend);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(GreetTwice.Name, "ada");

        await hub.RunNextWakeUpAsync();
        await hub.RunNextActivityAsync();

        var wakeUp = Assert.Single(await hub.WakeUps.ReceiveAsync(32, Visibility));
        Assert.Equal(id, wakeUp.Body);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Outbox)]
    public async Task After_another_workers_episode_an_outcome_goes_through_the_inbox_and_the_saga_still_completes(
        Backend backend)
    {
        var shared = new InMemoryStorageProvider(Clock());
        await using var first = Start(cachedInstances: 1024, backend, shared);
        await using var second = Start(cachedInstances: 1024, backend, shared);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync(GreetTwice.Name, "ada");
        await first.RunNextWakeUpAsync();
        await second.Client.RaiseEventAsync(id, "unrelated", "poke");
        await second.RunNextWakeUpAsync();
        if (backend == Backend.Outbox)
        {
            // The other worker's whole read found the outbox row the first left for its next commit to delete, and
            // sent it again: the activity may run twice (at least once, as always), its second outcome is dropped.
            Assert.Equal(2, await first.WorkItemCountAsync());
        }

        await first.RunNextActivityAsync();

        // The outcome went through the inbox: the instance has a wake-up, which the other worker takes.
        Assert.Equal(1, await second.WakeUpCountAsync());
        while (await second.RunAnyAsync() || await first.RunAnyAsync())
        {
        }

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

    /// <summary>
    /// Where the hub keeps its instances: a SQLite file (transactional: the outcome's commit completes the work item)
    /// or an outbox storage (in memory, committed as Azure and AWS are: the pump completes the work item after).
    /// </summary>
    public enum Backend
    {
        Sqlite,
        Outbox,
    }

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private Hub Start(int cachedInstances, Backend backend, InMemoryStorageProvider? shared = null)
    {
        // No worker: the test receives each message and hands it to the engine itself.
        var time = Clock();
        IStorageProvider storage = backend == Backend.Sqlite
            ? new SqliteStorageProvider(
                new SqliteStorageOptions { DataSource = Path.Combine(_directory, "direct.db") },
                time)
            : shared ?? new InMemoryStorageProvider(time);
        var provider = GreetTwice.Services(storage, time, options =>
            {
                options.TaskHub = "direct";
                options.MaxCachedInstances = cachedInstances;

                // Every work item through its queue: ClaimedActivityTests cover the activities run on a claim.
                options.LocalActivityClaim = TimeSpan.Zero;
            })

            // A worker under a lease, as in the hosts: it may hold an outbox row for its next commit.
            .AddSingleton(new LocalQueueWorkers { WorkerId = "direct" })
            .BuildServiceProvider();
        return new Hub(storage, provider);
    }

    private sealed class Hub(IStorageProvider storage, ServiceProvider services) : IAsyncDisposable
    {
        private readonly DurableTaskEngine _engine = services.GetRequiredService<DurableTaskEngine>();

        public DurableTaskClient Client { get; } = services.GetRequiredService<DurableTaskClient>();

        public IQueue WakeUps => storage.GetQueue(_engine.OrchestrationQueue);

        private IQueue WorkItems => storage.GetQueue(Assert.Single(_engine.ActivityQueues));

        public async Task RunNextWakeUpAsync()
        {
            var delivery = new QueueCompletion(WakeUps.Name, Assert.Single(await WakeUps.ReceiveAsync(32, Visibility)));
            await SettleAsync(WakeUps, delivery, await _engine.HandleWakeUpAsync(delivery));
        }

        public async Task RunNextActivityAsync()
        {
            var delivery = new QueueCompletion(
                WorkItems.Name,
                Assert.Single(await WorkItems.ReceiveAsync(1, Visibility)));
            await SettleAsync(WorkItems, delivery, await _engine.HandleWorkItemAsync(delivery));
        }

        public Task<int> WorkItemCountAsync() => WorkItems.CountAsync();

        public async Task<List<string>> OutboxRowsAsync(string instanceId) =>
            (await storage.GetTable(_engine.Hub.Options.InstancesTable).QueryPartitionAsync(instanceId))
                .Select(row => row.RowKey)
                .Where(RowKeys.IsOutbox)
                .ToList();

        public Task<int> WakeUpCountAsync() => WakeUps.CountAsync();

        /// <summary>Handles one visible message, a wake-up first; false when there is none.</summary>
        public async Task<bool> RunAnyAsync()
        {
            if (await WakeUps.CountAsync() > 0)
            {
                await RunNextWakeUpAsync();
                return true;
            }

            if (await WorkItems.CountAsync() > 0)
            {
                await RunNextActivityAsync();
                return true;
            }

            return false;
        }

        // As a pump does: a transactional storage completes the message with the handler's commit, others after it.
        private async Task SettleAsync(IQueue queue, QueueCompletion delivery, bool completedByHandler)
        {
            Assert.Equal(storage is SqliteStorageProvider, QueuePump.CompletedByHandler(completedByHandler, delivery));
            if (!completedByHandler)
            {
                Assert.True(await queue.CompleteAsync(delivery.Message));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            (storage as IDisposable)?.Dispose();
        }
    }
}
