using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Events;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga.Activities;

namespace Serverless.Orders.Saga;

/// <summary>
/// Builds each saga activity from the services <see cref="OrdersServiceCollectionExtensions.AddOrders"/> registers: the
/// one list of their constructor calls, used by the engine's registry (<see cref="OrderSaga.Register"/>) and by the
/// Function App's <c>[ActivityTrigger]</c> functions alike.
/// </summary>
public static class SagaActivityFactory
{
    /// <summary><see cref="SagaActivities.RecordOrder"/>.</summary>
    public static RecordOrderActivity RecordOrder(IServiceProvider services) => new(Orders(services));

    /// <summary><see cref="SagaActivities.ReserveStock"/>.</summary>
    public static ReserveStockActivity ReserveStock(IServiceProvider services) => new(Inventory(services));

    /// <summary><see cref="SagaActivities.CommitStock"/>.</summary>
    public static CommitStockActivity CommitStock(IServiceProvider services) =>
        new(Inventory(services), Orders(services), Time(services));

    /// <summary><see cref="SagaActivities.ReleaseStock"/>.</summary>
    public static ReleaseStockActivity ReleaseStock(IServiceProvider services) =>
        new(Inventory(services), Orders(services), Time(services));

    /// <summary><see cref="SagaActivities.ChargePayment"/>.</summary>
    public static ChargePaymentActivity ChargePayment(IServiceProvider services) => new(Gateway(services));

    /// <summary><see cref="SagaActivities.RefundPayment"/>.</summary>
    public static RefundPaymentActivity RefundPayment(IServiceProvider services) =>
        new(Gateway(services), Orders(services), Time(services));

    /// <summary><see cref="SagaActivities.SetOrderStatus"/>.</summary>
    public static SetOrderStatusActivity SetOrderStatus(IServiceProvider services) => new(Orders(services));

    /// <summary><see cref="SagaActivities.RecordApprovalTimeout"/>.</summary>
    public static RecordApprovalTimeoutActivity RecordApprovalTimeout(IServiceProvider services) =>
        new(Orders(services));

    /// <summary><see cref="SagaActivities.ScreenOrder"/>.</summary>
    public static ScreenOrderActivity ScreenOrder(IServiceProvider services) => new();

    /// <summary><see cref="SagaActivities.PublishOrderConfirmed"/>.</summary>
    public static PublishOrderConfirmedActivity PublishOrderConfirmed(IServiceProvider services) =>
        new(services.GetRequiredService<OrderEventPublisher>());

    private static OrderStore Orders(IServiceProvider services) => services.GetRequiredService<OrderStore>();

    private static InventoryStore Inventory(IServiceProvider services) => services.GetRequiredService<InventoryStore>();

    private static IPaymentGateway Gateway(IServiceProvider services) => services.GetRequiredService<IPaymentGateway>();

    private static TimeProvider Time(IServiceProvider services) => services.GetRequiredService<TimeProvider>();
}
