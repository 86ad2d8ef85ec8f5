using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Serverless.Durable;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;
using Serverless.Orders.Saga;
using Serverless.Orders.Serialization;
using Serverless.Storage;
using Serverless.Storage.Tables;

namespace Serverless.Orders.Tests.Support;

/// <summary>
/// Today's order function set and engine, composed as the host composes them, over a fresh SQLite file and a fake
/// clock, into which a golden history is written as the previous release stored it (the instance row, one history row,
/// the timers' inbox rows). Messages are delivered by hand to the engine's two handlers, as the workers would, one at a
/// time.
/// </summary>
internal sealed class UpgradedHub : IAsyncDisposable
{
    private const string ExecutionId = "golden-execution";
    private readonly TemporaryDatabase _database = new();
    private readonly ServiceProvider _services;

    /// <param name="defaultVersion">The build's <c>Durable:DefaultVersion</c> (empty: versioning off).</param>
    /// <param name="configure">Changes to the orders' options.</param>
    public UpgradedHub(string defaultVersion = "", Action<OrdersOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IStorageProvider>(_database.CreateProvider(Time));
        services.AddOrders(configure: configure);
        services.AddDurableTask(
            OrderSaga.Register,
            OrderSaga.Payloads,
            OrderSaga.ActivityQueues,
            options =>
            {
                options.TaskHub = "golden";
                options.DefaultVersion = defaultVersion;
            });
        _services = services.BuildServiceProvider(
            new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _services;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public DurableTaskEngine Engine => Services.GetRequiredService<DurableTaskEngine>();

    /// <summary>
    /// Writes <paramref name="history"/> (running, as recorded) into the task hub as the previous release's engine
    /// stored it and returns its input. The clock moves to the history's last timestamp.
    /// </summary>
    public async Task<PlaceOrderInput> WriteRunningAsync(IReadOnlyList<StoredHistoryEvent> history)
    {
        Assert.DoesNotContain(history, e => e.Type == HistoryEventType.ExecutionCompleted);
        await Engine.EnsureCreatedAsync();
        var started = history.Single(e => e.Type == HistoryEventType.ExecutionStarted);
        var input = Services.GetRequiredService<DataConverter>().Deserialize<PlaceOrderInput>(started.Input)!;
        var fired = history.Where(e => e.Type == HistoryEventType.TimerFired).Select(e => e.TaskId).ToHashSet();
        var timers = history.Where(e => e.Type == HistoryEventType.TimerCreated && !fired.Contains(e.TaskId)).ToList();
        var instance = new InstanceRow(input.OrderId, started.Name!, ExecutionId, StoredStatus.Running)
        {
            Version = started.Version,
            Input = started.Input,
            CreatedAt = started.Timestamp,
            LastUpdatedAt = history[^1].Timestamp,
            HistorySequence = 1,
            NextWakeAt = timers.Select(t => t.FireAt).Min(),
        };
        List<TableOperation> rows =
        [
            TableOperation.Insert(instance.ToEntity()),
            TableOperation.Insert(new TableEntity(input.OrderId, RowKeys.History(ExecutionId, 1))
            {
                Properties = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Events"] = JsonSerializer.Serialize(
                        history.ToList(),
                        DurableJsonContext.Default.ListStoredHistoryEvent),
                },
            }),
            .. timers.Select(t => TableOperation.Insert(new InboxRow(
                input.OrderId,
                RowKeys.TimerFired(ExecutionId, t.TaskId!.Value),
                ExecutionId,
                new StoredHistoryEvent(
                    HistoryEventType.TimerFired,
                    t.FireAt!.Value) { TaskId = t.TaskId, FireAt = t.FireAt },
                t.FireAt.Value).ToEntity())),
        ];
        var storage = Services.GetRequiredService<IStorageProvider>();
        await storage.GetTable(TaskHubStorage.Resolve("golden").InstancesTable).ExecuteBatchAsync(rows);
        Time.SetUtcNow(history[^1].Timestamp);

        // The wake-ups the previous release queued for its timers, due when they fire.
        foreach (var timer in timers)
        {
            await storage.GetQueue(Engine.OrchestrationQueue).SendAsync(
                input.OrderId,
                timer.FireAt!.Value - Time.GetUtcNow());
        }

        return input;
    }

    /// <summary>Delivers visible messages until none is left; a failing handler fails the test.</summary>
    public async Task RunUntilIdleAsync()
    {
        var storage = Services.GetRequiredService<IStorageProvider>();
        var queues = new[] { Engine.OrchestrationQueue }.Concat(Engine.ActivityQueues)
            .Select(storage.GetQueue)
            .ToList();
        for (var handled = 0; handled < 1_000;)
        {
            var any = false;
            foreach (var queue in queues)
            {
                foreach (var message in await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)))
                {
                    any = true;
                    handled++;
                    if (queue.Name == Engine.OrchestrationQueue)
                    {
                        await Engine.HandleWakeUpAsync(message.Body);
                    }
                    else
                    {
                        await Engine.HandleWorkItemAsync(message.Body, message.DequeueCount);
                    }

                    await queue.CompleteAsync(message);
                }
            }

            if (!any)
            {
                return;
            }
        }

        Assert.Fail("Still busy after 1000 messages.");
    }

    /// <summary>Moves the clock on and delivers what became due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await RunUntilIdleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }
}
