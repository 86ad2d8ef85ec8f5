using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Events;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Saga.Activities;

namespace Serverless.Orders;

/// <summary>The durable functions of the order function set, for a host to compose into its one registry.</summary>
public static class OrdersFunctions
{
    /// <summary>
    /// Registers the <c>PlaceOrder</c> orchestrator and its activities in the Durable Task SDK's registry, by factory (no
    /// reflection). The activities take the services <see cref="OrdersServiceCollectionExtensions.AddOrders(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration?, Action{OrdersOptions}?)"/>
    /// registers. A host also routes <see cref="SagaActivities.Queues"/> and serializes payloads with
    /// <see cref="Serialization.OrdersJsonContext"/>.
    /// </summary>
    public static DurableTaskRegistry Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator(PlaceOrderOrchestrator.Name, () => new PlaceOrderOrchestrator())
            .AddActivity(SagaActivities.RecordOrder, sp => new RecordOrderActivity(sp.GetRequiredService<OrderStore>()))
            .AddActivity(SagaActivities.ReserveStock, sp => new ReserveStockActivity(sp.GetRequiredService<InventoryStore>()))
            .AddActivity(SagaActivities.CommitStock, sp => new CommitStockActivity(sp.GetRequiredService<InventoryStore>(), sp.GetRequiredService<OrderStore>(), sp.GetRequiredService<TimeProvider>()))
            .AddActivity(SagaActivities.ReleaseStock, sp => new ReleaseStockActivity(sp.GetRequiredService<InventoryStore>(), sp.GetRequiredService<OrderStore>(), sp.GetRequiredService<TimeProvider>()))
            .AddActivity(SagaActivities.ChargePayment, sp => new ChargePaymentActivity(sp.GetRequiredService<IPaymentGateway>()))
            .AddActivity(SagaActivities.RefundPayment, sp => new RefundPaymentActivity(sp.GetRequiredService<IPaymentGateway>(), sp.GetRequiredService<OrderStore>(), sp.GetRequiredService<TimeProvider>()))
            .AddActivity(SagaActivities.SetOrderStatus, sp => new SetOrderStatusActivity(sp.GetRequiredService<OrderStore>()))
            .AddActivity(SagaActivities.RecordApprovalTimeout, sp => new RecordApprovalTimeoutActivity(sp.GetRequiredService<OrderStore>()))
            .AddActivity(SagaActivities.PublishOrderConfirmed, sp => new PublishOrderConfirmedActivity(sp.GetRequiredService<OrderEventPublisher>()));
    }
}
