using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Durable;
using Serverless.Orders.Events;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Serialization;

namespace Serverless.Orders.Saga;

/// <summary>One replay of the saga for one order. Deterministic: no clock, no I/O, no <c>ConfigureAwait(false)</c>.</summary>
internal sealed class PlaceOrderSaga
{
    private readonly TaskOrchestrationContext _context;
    private readonly PlaceOrderInput _input;
    private readonly IReadOnlyList<string> _skus;
    private readonly Compensations _compensations = new();
    private readonly RetryPolicy _stepRetry;
    private readonly RetryPolicy _paymentRetry;
    private readonly RetryPolicy _mustSucceedRetry;
    private readonly ILogger _logger;
    private int _statusChanges;

    public PlaceOrderSaga(TaskOrchestrationContext context, PlaceOrderInput input)
    {
        _context = context;
        _input = input;
        _skus = input.Items.Select(i => i.Sku).ToList();
        _stepRetry = input.Policy.StepRetry.ToPolicy();
        _mustSucceedRetry = input.Policy.MustSucceedRetry.ToPolicy();
        // A decline is final: retrying it would only decline again (and a real gateway may flag the card).
        _paymentRetry = input.Policy.PaymentRetry.ToPolicy(static failure => !failure.IsCausedBy<PaymentDeclinedException>());
        _logger = context.CreateReplaySafeLogger("Serverless.Orders.Saga.PlaceOrder");
    }

    public async Task<PlaceOrderResult> RunAsync()
    {
        string reason;
        try
        {
            var stopped = await ProceedAsync();
            if (stopped is null)
            {
                Logs.OrderConfirmed(_logger, _input.OrderId, _input.Total);
                return new PlaceOrderResult(_input.OrderId, OrderStatus.Confirmed);
            }

            reason = stopped;
        }
        catch (TaskFailedException failed)
        {
            reason = CancellationReasons.From(failed);
        }

        return await CancelAsync(reason);
    }

    /// <summary>Runs the steps; returns <see langword="null"/> once confirmed, or the reason to cancel.</summary>
    private async Task<string?> ProceedAsync()
    {
        await _context.CallActivityAsync(SagaActivities.RecordOrder, _input, _stepRetry);

        // Each compensation is registered before its step: a step that fails after acting (or whose outcome is lost) is
        // still undone, and undoing a step that did nothing is a no-op.
        _compensations.Add(SagaActivities.ReleaseStock.Name, () => _context.CallActivityAsync(SagaActivities.ReleaseStock, new OrderStockInput(_input.OrderId, _skus), _mustSucceedRetry));
        var lines = _input.Items.Select(i => new StockLine(i.Sku, i.Quantity)).ToList();
        var reservation = await _context.CallActivityAsync(SagaActivities.ReserveStock, new ReserveStockInput(_input.OrderId, lines), _stepRetry);
        if (!reservation.Reserved)
        {
            return reservation.Reason ?? CancellationReasons.OutOfStockPrefix + ".";
        }

        if (_input.Total > _input.Policy.ApprovalThreshold)
        {
            await SetStatusAsync(OrderStatus.AwaitingApproval);
            if (await WaitForApprovalAsync() is { } refused)
            {
                return refused;
            }

            await SetStatusAsync(OrderStatus.Pending);
        }

        _compensations.Add(SagaActivities.RefundPayment.Name, () => _context.CallActivityAsync(SagaActivities.RefundPayment, new RefundPaymentInput(_input.OrderId, _input.Total), _mustSucceedRetry));
        await _context.CallActivityAsync(SagaActivities.ChargePayment, new ChargePaymentInput(_input.OrderId, _input.Total, _input.PaymentToken), _paymentRetry);
        await _context.CallActivityAsync(SagaActivities.CommitStock, new OrderStockInput(_input.OrderId, _skus), _stepRetry);
        // Charged and committed: from here on the order is confirmed, so these steps are retried, never compensated.
        await SetStatusAsync(OrderStatus.Confirmed, mustSucceed: true);
        var confirmed = new OrderConfirmed(OrderConfirmed.EventIdFor(_input.OrderId), _input.OrderId, _input.CustomerId, _input.Items, _input.Total, _context.CurrentUtcDateTime);
        await _context.CallActivityAsync(SagaActivities.PublishOrderConfirmed, confirmed, _mustSucceedRetry);
        return null;
    }

    /// <summary>Waits for <c>approve</c>, <c>reject</c> or the timeout; returns <see langword="null"/> when approved, else the reason to cancel.</summary>
    private async Task<string?> WaitForApprovalAsync()
    {
        var approve = _context.WaitForExternalEvent(PlaceOrderOrchestrator.ApproveEvent, OrdersJsonContext.Default.JsonElement);
        var reject = _context.WaitForExternalEvent(PlaceOrderOrchestrator.RejectEvent, OrdersJsonContext.Default.JsonElement);
        var timeout = _context.CreateTimer(_context.CurrentUtcDateTime + _input.Policy.ApprovalTimeout);
        var first = await Task.WhenAny(approve, reject, timeout);
        if (first == timeout)
        {
            // A decision made over HTTP just before the timer fired is on the order already, and it wins.
            var standing = await _context.CallActivityAsync(SagaActivities.RecordApprovalTimeout, _input.OrderId, _mustSucceedRetry);
            return standing switch
            {
                ApprovalDecision.Approved => null,
                ApprovalDecision.Rejected => CancellationReasons.Rejected(null),
                _ => CancellationReasons.ApprovalTimedOut(_input.Policy.ApprovalTimeout),
            };
        }

        if (first == approve && approve.IsCompletedSuccessfully)
        {
            return null;
        }

        return CancellationReasons.Rejected(reject.IsCompletedSuccessfully ? ReasonIn(reject.Result) : null);
    }

    private async Task<PlaceOrderResult> CancelAsync(string reason)
    {
        try
        {
            await _compensations.CompensateAsync();
        }
        catch (AggregateException failures)
        {
            // Every compensation was attempted; the order is still cancelled, and the failure is on record for people.
            Logs.CompensationFailed(_logger, failures, _input.OrderId);
            reason += $" (compensation failed: {string.Join("; ", failures.InnerExceptions.Select(e => e.Message))})";
        }

        await SetStatusAsync(OrderStatus.Cancelled, mustSucceed: true, reason);
        Logs.OrderCancelled(_logger, _input.OrderId, reason);
        return new PlaceOrderResult(_input.OrderId, OrderStatus.Cancelled, reason);
    }

    private Task<Unit> SetStatusAsync(OrderStatus status, bool mustSucceed = false, string? reason = null) =>
        _context.CallActivityAsync(
            SagaActivities.SetOrderStatus,
            new SetOrderStatusInput(_input.OrderId, status, reason, ++_statusChanges, _context.CurrentUtcDateTime),
            mustSucceed ? _mustSucceedRetry : _stepRetry);

    private static string? ReasonIn(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? reason.GetString()
            : null;
}
