using Microsoft.Extensions.DependencyInjection;
using Serverless.Azurite;
using Serverless.Durable;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Orders;
using Serverless.Orders.Saga;
using Serverless.Storage;
using Serverless.Storage.InMemory;

namespace Serverless.Conformance.Tests.Replay;

/// <summary>
/// The pre-deploy replay check over a Durable Functions task hub that DurableTask.AzureStorage recorded on Azurite
/// (<see cref="RecordedTaskHub"/>): the orders waiting for approval replay on this build's saga, finished ones are not
/// checked, and an order whose recorded history the code no longer matches is named at its first diverging event.
/// </summary>
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class DurableFunctionsReplayCheckTests : IAsyncLifetime
{
    private static readonly string[] Waiting = ["order-waiting-1", "order-waiting-2", "order-waiting-3"];
    private static readonly string[] Finished = ["order-finished-1"];
    private AzuriteInstance? _azurite;
    private RecordedTaskHub? _hub;
    private ServiceProvider? _services;

    private RecordedTaskHub Hub => _hub!;

    private DurableTaskEngine Engine => _services!.GetRequiredService<DurableTaskEngine>();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _hub = await RecordedTaskHub.RecordAsync(_azurite, Waiting, Finished);

        // This build's saga on the engine, composed as the host composes it (its own store is never read here).
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IStorageProvider>(new InMemoryStorageProvider())
            .AddOrders()
            .AddDurableTask(OrderSaga.Register, OrderSaga.Payloads, OrderSaga.ActivityQueues)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Orders_waiting_for_approval_in_a_Durable_Functions_task_hub_replay_on_this_build()
    {
        var report = await Engine.CreateReplayCheck(Hub).RunAsync();

        Assert.Equal(Waiting.Length, report.Checked);
        Assert.Empty(report.Divergences);
        var history = await Hub.HistoryAsync(Waiting[0]);
        Assert.Contains(history, e => e is { Type: HistoryEventType.TaskScheduled, Name: SagaActivities.ReserveStock });
        Assert.Contains(history, e => e.Type == HistoryEventType.TimerCreated);
    }

    [Fact]
    public async Task An_order_whose_recorded_activity_the_saga_no_longer_calls_is_named_at_that_event()
    {
        var edited = Waiting[1];
        // As if the release that recorded it had called the stock reservation by another name.
        var row = await RenameScheduledActivityAsync(edited, SagaActivities.ReserveStock, "ReserveStockV2");
        var history = await Hub.HistoryAsync(edited);

        var report = await Engine.CreateReplayCheck(Hub).RunAsync();

        Assert.Equal(Waiting.Length, report.Checked);
        var divergence = Assert.Single(report.Divergences);
        Assert.Equal((edited, PlaceOrderOrchestrator.Name), (divergence.InstanceId, divergence.Orchestrator));
        Assert.Contains("Non-Deterministic", divergence.Message, StringComparison.OrdinalIgnoreCase);
        var index = Assert.IsType<int>(divergence.EventIndex);
        Assert.Equal((HistoryEventType.TaskScheduled, "ReserveStockV2"), (history[index].Type, history[index].Name));
        Assert.Equal($"TaskScheduled {row} ReserveStockV2", divergence.RecordedEvent);
    }

    /// <summary>
    /// Renames <paramref name="activity"/> in <paramref name="orderId"/>'s first TaskScheduled row of it; returns its
    /// task id.
    /// </summary>
    private async Task<int> RenameScheduledActivityAsync(string orderId, string activity, string newName)
    {
        var table = Hub.Tables.GetTableClient(Hub.Name + "History");
        await foreach (var entity in table.QueryAsync<Azure.Data.Tables.TableEntity>(
            Azure.Data.Tables.TableClient.CreateQueryFilter(
                $"PartitionKey eq {orderId} and EventType eq {"TaskScheduled"} and Name eq {activity}")))
        {
            entity["Name"] = newName;
            await table.UpdateEntityAsync(entity, entity.ETag);
            return entity.GetInt32("EventId")!.Value;
        }

        throw new InvalidOperationException($"{orderId} never scheduled {activity}.");
    }
}
