using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Serverless.Orders.Serialization;

namespace Serverless.Orders.Saga;

/// <summary>
/// The durable part of the order function set, for whichever runtime runs it: the orchestrator and activities to
/// register, the queues the activities travel on, and the JSON contracts of their payloads.
/// </summary>
public static class OrderSaga
{
    /// <summary>
    /// The JSON contracts of every payload (inputs, outputs, events, custom status): a runtime builds its payload
    /// serializer over them (the engine a <c>SourceGeneratedDataConverter</c>, the Function App its worker serializer).
    /// </summary>
    public static JsonSerializerContext Payloads => OrdersJsonContext.Default;

    /// <summary>
    /// The activities that run on a queue of their own (<see cref="SagaActivities.Queues"/>), by name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ActivityQueues => SagaActivities.Queues;

    /// <summary>
    /// Registers the <c>PlaceOrder</c> orchestrator and its activities in the Durable Task SDK's registry, by factory
    /// (no reflection); the activities come from <see cref="SagaActivityFactory"/>.
    /// </summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator(PlaceOrderOrchestrator.Name, () => new PlaceOrderOrchestrator())
            .AddActivity(SagaActivities.RecordOrder, SagaActivityFactory.RecordOrder)
            .AddActivity(SagaActivities.ReserveStock, SagaActivityFactory.ReserveStock)
            .AddActivity(SagaActivities.CommitStock, SagaActivityFactory.CommitStock)
            .AddActivity(SagaActivities.ReleaseStock, SagaActivityFactory.ReleaseStock)
            .AddActivity(SagaActivities.ChargePayment, SagaActivityFactory.ChargePayment)
            .AddActivity(SagaActivities.RefundPayment, SagaActivityFactory.RefundPayment)
            .AddActivity(SagaActivities.SetOrderStatus, SagaActivityFactory.SetOrderStatus)
            .AddActivity(SagaActivities.RecordApprovalTimeout, SagaActivityFactory.RecordApprovalTimeout)
            .AddActivity(SagaActivities.ScreenOrder, SagaActivityFactory.ScreenOrder)
            .AddActivity(SagaActivities.PublishOrderConfirmed, SagaActivityFactory.PublishOrderConfirmed);
    }

    /// <summary>A new registry holding <see cref="Register"/>'s registrations.</summary>
    public static DurableTaskRegistry CreateRegistry()
    {
        var registry = new DurableTaskRegistry();
        Register(registry);
        return registry;
    }
}
