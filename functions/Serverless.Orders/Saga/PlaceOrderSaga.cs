using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Abstractions;
using Microsoft.Extensions.Logging;
using Serverless.Orders.Events;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Screening;

namespace Serverless.Orders.Saga;

/// <summary>
/// One replay of the saga for one order. Deterministic: no clock, no I/O, no <c>ConfigureAwait(false)</c>.
/// </summary>
internal sealed class PlaceOrderSaga
{
    private readonly TaskOrchestrationContext _context;
    private readonly PlaceOrderInput _input;
    private readonly IReadOnlyList<string> _skus;
    private readonly Compensations _compensations = new();
    private readonly TaskOptions _stepRetry;
    private readonly TaskOptions _paymentRetry;
    private readonly TaskOptions _mustSucceedRetry;
    private readonly ILogger _logger;
    private Task<JsonElement?>? _cancelled;
    private bool _compensationShown;
    private int _statusChanges;

    public PlaceOrderSaga(TaskOrchestrationContext context, PlaceOrderInput input)
    {
        _context = context;
        _input = input;
        _skus = input.Items.Select(i => i.Sku).ToList();
        _stepRetry = SagaRetries.Options(input.Policy.StepRetry);
        _mustSucceedRetry = SagaRetries.Options(input.Policy.MustSucceedRetry);
        // A decline is final: retrying it would only decline again (and a real gateway may flag the card).
        _paymentRetry = SagaRetries.Options(
            input.Policy.PaymentRetry,
            static failure => !failure.IsError<PaymentDeclinedException>());
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
        // Listening writes no history until a cancel arrives, so histories recorded before cancels existed replay
        // unchanged.
        _cancelled = _context.WaitForExternalEvent<JsonElement?>(PlaceOrderOrchestrator.CancelEvent);
        await _context.CallActivityAsync(SagaActivities.RecordOrder, _input, _stepRetry);

        // Each compensation is registered before its step: a step that fails after acting (or whose outcome is lost) is
        // still undone, and undoing a step that did nothing is a no-op.
        _compensations.Add(
            SagaActivities.ReleaseStock,
            () => CompensateAsync(SagaActivities.ReleaseStock, new OrderStockInput(_input.OrderId, _skus)));
        var lines = _input.Items.Select(i => new StockLine(i.Sku, i.Quantity)).ToList();
        var reservation = await _context.CallActivityAsync<ReservationOutcome>(
            SagaActivities.ReserveStock,
            new ReserveStockInput(_input.OrderId, lines),
            _stepRetry);
        if (!reservation.Reserved)
        {
            return reservation.Reason ?? CancellationReasons.OutOfStockPrefix + ".";
        }

        if (await ScreenAsync() is { } refusal)
        {
            return refusal;
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

        if (_cancelled.IsCompleted)
        {
            return CancellationReasons.CancelledByCustomer;
        }

        _compensations.Add(
            SagaActivities.RefundPayment,
            () => CompensateAsync(SagaActivities.RefundPayment, new RefundPaymentInput(_input.OrderId, _input.Total)));
        await _context.CallActivityAsync<PaymentReceipt>(
            SagaActivities.ChargePayment,
            new ChargePaymentInput(_input.OrderId, _input.Total, _input.PaymentToken),
            _paymentRetry);
        // The point of no return, arbitrated on the order row against a cancel request (the event may not have arrived
        // yet).
        var commit = await _context.CallActivityAsync<StockCommitOutcome?>(
            SagaActivities.CommitStock,
            new OrderStockInput(_input.OrderId, _skus),
            _stepRetry);
        if (commit is { CancelRequested: true })
        {
            return CancellationReasons.CancelledByCustomer;
        }

        // Charged and committed: from here on the order is confirmed, so these steps are retried, never compensated.
        await SetStatusAsync(OrderStatus.Confirmed, mustSucceed: true);
        var confirmed = new OrderConfirmed(
            OrderConfirmed.EventIdFor(_input.OrderId),
            _input.OrderId,
            _input.CustomerId,
            _input.Items,
            _input.Total,
            _context.CurrentUtcDateTime);
        await _context.CallActivityAsync(SagaActivities.PublishOrderConfirmed, confirmed, _mustSucceedRetry);
        return null;
    }

    /// <summary>
    /// From version 2.0, screens an order above the policy's screen threshold for fraud (before anyone is asked to
    /// approve it, and before the charge); returns the reason to cancel if the screen refuses it. Instances of earlier
    /// versions (recorded before the screen existed, their version empty or "1.0") skip it, so their histories replay
    /// unchanged.
    /// </summary>
    private async Task<string?> ScreenAsync()
    {
        if (TaskOrchestrationVersioningUtils.CompareVersions(_context.Version, PlaceOrderOrchestrator.ScreeningVersion)
            < 0
            || _input.Policy.ScreenThreshold is not { } threshold
            || _input.Total <= threshold)
        {
            return null;
        }

        var verdict = await _context.CallActivityAsync<ScreenVerdict>(
            SagaActivities.ScreenOrder,
            new ScreenOrderInput(_input.OrderId, _input.CustomerId, _input.Items, _input.Total, _input.PaymentToken),
            _stepRetry);
        return verdict.Refused ? CancellationReasons.ScreenRefused(verdict.Findings) : null;
    }

    /// <summary>
    /// Waits for <c>approve</c>, <c>reject</c> or the timeout; returns <see langword="null"/> when approved, else the
    /// reason to cancel.
    /// </summary>
    private async Task<string?> WaitForApprovalAsync()
    {
        using var decided = new CancellationTokenSource();
        // Nullable: a decision may come without a payload, and the SDK's runtimes cannot read a missing payload as a
        // struct.
        var approve = _context.WaitForExternalEvent<JsonElement?>(PlaceOrderOrchestrator.ApproveEvent, decided.Token);
        var reject = _context.WaitForExternalEvent<JsonElement?>(PlaceOrderOrchestrator.RejectEvent, decided.Token);
        var timeout = _context.CreateTimer(_context.CurrentUtcDateTime + _input.Policy.ApprovalTimeout, decided.Token);
        var first = await Task.WhenAny(approve, reject, timeout, _cancelled!);
        // Synchronously, on the orchestration's own thread: CancelAsync would run the callbacks elsewhere, out of
        // replay order.
#pragma warning disable CA1849
        decided.Cancel();
#pragma warning restore CA1849
        if (first == _cancelled)
        {
            return CancellationReasons.CancelledByCustomer;
        }

        if (first == timeout)
        {
            // A decision made over HTTP just before the timer fired is on the order already, and it wins.
            var standing = await _context.CallActivityAsync<ApprovalDecision>(
                SagaActivities.RecordApprovalTimeout,
                _input.OrderId,
                _mustSucceedRetry);
            return standing switch
            {
                ApprovalDecision.Approved => null,
                ApprovalDecision.Rejected => CancellationReasons.Rejected(null),
                _ => CancellationReasons.ApprovalTimedOut(_input.Policy.ApprovalTimeout),
            };
        }

        if (first == approve)
        {
            return null;
        }

        return CancellationReasons.Rejected(ReasonIn(reject.Result));
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

    /// <summary>
    /// Runs compensation <paramref name="step"/> until it succeeds (as the policy allows); while it is being retried,
    /// the orchestration's custom status shows the step, the attempts and the last error, cleared once it succeeds.
    /// </summary>
    private async Task CompensateAsync<TInput>(string step, TInput input)
    {
        var retry = SagaRetries.Options(_input.Policy.MustSucceedRetry, onRetry: retry =>
        {
            var since = retry.OrchestrationContext.CurrentUtcDateTime - retry.TotalRetryTime;
            retry.OrchestrationContext.SetCustomStatus(new SagaCustomStatus(new CompensationProgress(
                step,
                retry.LastAttemptNumber,
                retry.LastFailure.ErrorMessage,
                since)));
            _compensationShown = true;
        });
        await _context.CallActivityAsync(step, input, retry);
        if (_compensationShown)
        {
            _context.SetCustomStatus(null);
            _compensationShown = false;
        }
    }

    private Task SetStatusAsync(OrderStatus status, bool mustSucceed = false, string? reason = null) =>
        _context.CallActivityAsync(
            SagaActivities.SetOrderStatus,
            new SetOrderStatusInput(_input.OrderId, status, reason, ++_statusChanges, _context.CurrentUtcDateTime),
            mustSucceed ? _mustSucceedRetry : _stepRetry);

    private static string? ReasonIn(JsonElement? payload) =>
        payload is { ValueKind: JsonValueKind.Object } element
            && element.TryGetProperty("reason", out var reason)
            && reason.ValueKind == JsonValueKind.String
            ? reason.GetString()
            : null;
}
