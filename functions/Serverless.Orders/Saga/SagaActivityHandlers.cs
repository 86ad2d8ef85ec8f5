using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable;
using Serverless.Orders.Events;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;

namespace Serverless.Orders.Saga;

/// <summary>The implementations of <see cref="SagaActivities"/>, over the services <c>AddOrders</c> registers.</summary>
internal static class SagaActivityHandlers
{
    public static DurableTaskRegistry AddSagaActivities(this DurableTaskRegistry registry) => registry
        .AddActivity(SagaActivities.RecordOrder, static async (context, input, ct) =>
        {
            await context.Services.GetRequiredService<OrderStore>().CreateAsync(input, ct).ConfigureAwait(false);
            return Unit.Value;
        })
        .AddActivity(SagaActivities.ReserveStock, static (context, input, ct) =>
            Inventory(context).ReserveAsync(input.OrderId, input.Lines, ct))
        .AddActivity(SagaActivities.CommitStock, static async (context, input, ct) =>
        {
            await Inventory(context).CommitAsync(input.OrderId, input.Skus, ct).ConfigureAwait(false);
            return Unit.Value;
        })
        .AddActivity(SagaActivities.ReleaseStock, static async (context, input, ct) =>
        {
            await Inventory(context).ReleaseAsync(input.OrderId, input.Skus, ct).ConfigureAwait(false);
            return Unit.Value;
        })
        // The gateway's idempotency key is per order and operation, not per task: a retry is a new task, but must never
        // be a second charge.
        .AddActivity(SagaActivities.ChargePayment, static (context, input, ct) =>
            Gateway(context).ChargeAsync(input.OrderId, input.Amount, input.Token, $"{input.OrderId}:charge", ct))
        .AddActivity(SagaActivities.RefundPayment, static (context, input, ct) =>
            Gateway(context).RefundAsync(input.OrderId, input.Amount, $"{input.OrderId}:refund", ct))
        .AddActivity(SagaActivities.SetOrderStatus, static async (context, input, ct) =>
        {
            await context.Services.GetRequiredService<OrderStore>()
                .TransitionAsync(input.OrderId, input.Status, input.Reason, input.Sequence, input.At, ct).ConfigureAwait(false);
            return Unit.Value;
        })
        .AddActivity(SagaActivities.RecordApprovalTimeout, static async (context, orderId, ct) =>
            await context.Services.GetRequiredService<OrderStore>().RecordDecisionAsync(orderId, ApprovalDecision.TimedOut, ct).ConfigureAwait(false)
                ?? ApprovalDecision.TimedOut)
        .AddActivity(SagaActivities.PublishOrderConfirmed, static async (context, input, ct) =>
        {
            await context.Services.GetRequiredService<OrderEventPublisher>().PublishAsync(input, ct).ConfigureAwait(false);
            return Unit.Value;
        });

    private static InventoryStore Inventory(TaskActivityContext context) => context.Services.GetRequiredService<InventoryStore>();

    private static IPaymentGateway Gateway(TaskActivityContext context) => context.Services.GetRequiredService<IPaymentGateway>();
}
