using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Saga;

/// <summary>
/// A decline is final: the saga matches the charge failure by <see cref="TaskFailureDetails.ErrorType"/> against the
/// exception's full name (Saga/FailureDetailsExtensions.cs), not with <see cref="TaskFailureDetails.IsCausedBy{T}"/>,
/// which loads the type by name and finds no app type under Native AOT. Driven on the engine's replay executor with
/// failures recorded as every runtime records them: the full type name and the message.
/// </summary>
public sealed class PaymentDeclineRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SagaReplayer _replayer = new();

    [Fact]
    public void A_declined_charge_is_attempted_once_and_the_saga_compensates_at_once()
    {
        var history = UpToTheCharge();

        var declined = _replayer.Step(
            history,
            Start,
            Failed(
                history,
                SagaActivities.ChargePayment,
                typeof(PaymentDeclinedException).FullName!,
                "Card declined (simulated)."));
        var refund = Assert.Single(SagaReplayer.Made(declined));
        var releasing = _replayer.Step(history, Start, Completed(refund));
        var release = Assert.Single(SagaReplayer.Made(releasing));
        var cancelling = _replayer.Step(history, Start, Completed(release));
        var cancel = Assert.Single(SagaReplayer.Made(cancelling));
        var done = _replayer.Step(history, Start, Completed(cancel));

        Assert.Equal(
            [
                SagaActivities.RecordOrder,
                SagaActivities.ReserveStock,
                SagaActivities.ChargePayment,
                SagaActivities.RefundPayment,
                SagaActivities.ReleaseStock,
                SagaActivities.SetOrderStatus],
            history.Where(e => e.Type == HistoryEventType.TaskScheduled).Select(e => e.Name));
        Assert.DoesNotContain(history, e => e.Type == HistoryEventType.TimerCreated);
        Assert.Equal(nameof(OrderStatus.Cancelled), (string?)JsonNode.Parse(cancel.Input!)!["status"]);
        Assert.Equal(StoredStatus.Completed, done.Status);
        var result = _replayer.ReadResult(done.Output);
        Assert.Equal(
            (OrderStatus.Cancelled, $"{CancellationReasons.PaymentDeclinedPrefix}: Card declined (simulated)."),
            (result.Status, result.Reason));
    }

    [Fact]
    public void An_unavailable_gateway_is_retried_after_a_durable_wait()
    {
        var history = UpToTheCharge();

        var unavailable = _replayer.Step(
            history,
            Start,
            Failed(
                history,
                SagaActivities.ChargePayment,
                typeof(PaymentUnavailableException).FullName!,
                "The gateway timed out."));
        var wait = Assert.Single(SagaReplayer.Made(unavailable));
        var retrying = _replayer.Step(
            history,
            wait.FireAt!.Value,
            new StoredHistoryEvent(HistoryEventType.TimerFired, wait.FireAt.Value)
            {
                TaskId = wait.TaskId,
                FireAt = wait.FireAt,
            });

        Assert.Equal(HistoryEventType.TimerCreated, wait.Type);
        var retry = Assert.Single(SagaReplayer.Made(retrying));
        Assert.Equal((HistoryEventType.TaskScheduled, SagaActivities.ChargePayment), (retry.Type, retry.Name));
        Assert.Equal(StoredStatus.Running, retrying.Status);
    }

    [Theory]
    [InlineData("Serverless.Orders.Payments.PaymentDeclinedException", true)]
    [InlineData("Serverless.Orders.Payments.PaymentUnavailableException", false)]
    [InlineData("PaymentDeclinedException", false)]
    [InlineData("serverless.orders.payments.paymentdeclinedexception", false)]
    [InlineData("Serverless.Orders.Payments.PaymentDeclinedException2", false)]
    [InlineData("", false)]
    public void A_failure_is_a_decline_exactly_when_its_error_type_is_the_full_name_of_PaymentDeclinedException(
        string errorType,
        bool isDecline)
    {
        var failure = new TaskFailureDetails(errorType, "message", null, null, null);

        Assert.Equal(isDecline, failure.IsError<PaymentDeclinedException>());
    }

    /// <summary>
    /// A saga history (an order under the approval threshold) up to its first charge attempt, scheduled and not
    /// answered.
    /// </summary>
    private List<StoredHistoryEvent> UpToTheCharge()
    {
        var policy = PlaceOrderPolicy.From(new OrdersOptions());
        var input = new PlaceOrderInput(
            "ord-decline-rule",
            "c-1",
            [new OrderItem("SKU-1", 2, 10m, 20m)],
            20m,
            TestTokens.Decline,
            policy,
            Start,
            null,
            "fingerprint");
        var (history, first) = _replayer.Start(input, Start);
        var record = Assert.Single(SagaReplayer.Made(first));
        var reserve = Assert.Single(SagaReplayer.Made(_replayer.Step(history, Start, Completed(record))));
        var charge = Assert.Single(SagaReplayer.Made(_replayer.Step(
            history,
            Start,
            Completed(reserve, """{"reserved":true}"""))));
        Assert.Equal(
            (SagaActivities.RecordOrder, SagaActivities.ReserveStock, SagaActivities.ChargePayment),
            (record.Name, reserve.Name, charge.Name));
        return history;
    }

    private static StoredHistoryEvent Completed(StoredHistoryEvent scheduled, string result = "{}") =>
        new(
            HistoryEventType.TaskCompleted,
            Start) { TaskId = scheduled.TaskId, Name = scheduled.Name, Result = result };

    private static StoredHistoryEvent Failed(
        List<StoredHistoryEvent> history,
        string activity,
        string errorType,
        string message)
    {
        var scheduled = history.Last(e => e.Type == HistoryEventType.TaskScheduled && e.Name == activity);
        return new StoredHistoryEvent(
            HistoryEventType.TaskFailed,
            Start) { TaskId = scheduled.TaskId, Name = activity, Failure = new StoredFailure(errorType, message) };
    }
}
