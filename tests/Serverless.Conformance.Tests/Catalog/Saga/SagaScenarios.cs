using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;

namespace Serverless.Conformance.Tests.Catalog.Saga;

/// <summary>
/// The order saga: the product's <see cref="PlaceOrderOrchestrator"/> and activities, unchanged, each run over a fresh
/// <see cref="SagaDomain"/>.
/// </summary>
internal static class SagaScenarios
{
    /// <summary>How many refunds fail before one succeeds in <see cref="CompensationRetried"/>.</summary>
    public const int FailingRefunds = 2;

    /// <summary>The quantity of an order that exceeds the stock.</summary>
    public const int TooMany = (int)SagaOrders.Stock + 1;

    /// <summary>The approval threshold of an order that needs approval (below its total).</summary>
    public const decimal ApprovalNeeded = 10m;

    /// <summary>
    /// The payload of the <c>approve</c> event: none, as the order API raises it. The saga waits for a
    /// <c>JsonElement?</c>: the SDK's runtimes cannot read a missing payload as a struct (and neither can the engine).
    /// </summary>
    public static JsonElement? ApprovePayload => null;

    /// <summary>The payload of the <c>reject</c> event.</summary>
    public static JsonElement RejectPayload { get; } =
        JsonDocument.Parse("""{"reason":"too big"}""").RootElement.Clone();

    /// <summary>A card that approves: the order is confirmed.</summary>
    public static Scenario HappyPath { get; } = Start("saga-happy-path", SagaOrders.Input(TestTokens.Visa));

    /// <summary>A card that declines: charged once, not retried, compensated, cancelled.</summary>
    public static Scenario Declined { get; } = Start("saga-declined", SagaOrders.Input(TestTokens.Decline));

    /// <summary>
    /// A gateway that times out twice: the charge is retried on durable timers, then the order is confirmed.
    /// </summary>
    public static Scenario TransientThenConfirmed { get; } = Start(
        "saga-transient-then-confirmed",
        SagaOrders.Input(TestTokens.Transient));

    /// <summary>More units than in stock: cancelled before any payment.</summary>
    public static Scenario OutOfStock { get; } = Start(
        "saga-out-of-stock",
        SagaOrders.Input(TestTokens.Visa, quantity: TooMany));

    /// <summary>
    /// An order over the threshold, approved: the event arrives (buffered if early), the order is confirmed.
    /// </summary>
    public static Scenario ApprovalApproved { get; } = Start(
        "saga-approval-approved",
        SagaOrders.Input(TestTokens.Visa, approvalThreshold: ApprovalNeeded))
        .Then(ScenarioStep.Raise(
            PlaceOrderOrchestrator.ApproveEvent,
            ApprovePayload,
            StepTrigger.RuntimeStatusIs(OrchestrationRuntimeStatus.Running)));

    /// <summary>An order over the threshold, rejected with a reason: cancelled with the reason.</summary>
    public static Scenario ApprovalRejected { get; } = Start(
        "saga-approval-rejected",
        SagaOrders.Input(TestTokens.Visa, approvalThreshold: ApprovalNeeded))
        .Then(ScenarioStep.Raise(
            PlaceOrderOrchestrator.RejectEvent,
            RejectPayload,
            StepTrigger.RuntimeStatusIs(OrchestrationRuntimeStatus.Running)));

    /// <summary>
    /// An order over the threshold that the customer cancels: the <c>cancel</c> event arrives (buffered if early) and
    /// the saga compensates while awaiting approval, before any payment.
    /// </summary>
    public static Scenario CancelledAwaitingApproval { get; } = Start(
        "saga-cancelled-awaiting-approval",
        SagaOrders.Input(TestTokens.Visa, approvalThreshold: ApprovalNeeded))
        .Then(ScenarioStep.Raise(
            PlaceOrderOrchestrator.CancelEvent,
            null,
            StepTrigger.RuntimeStatusIs(OrchestrationRuntimeStatus.Running)));

    /// <summary>
    /// An order over the threshold that nobody decides: the approval times out and the order is cancelled.
    /// </summary>
    public static Scenario ApprovalTimedOut { get; } = Start(
        "saga-approval-timed-out",
        SagaOrders.Input(
            TestTokens.Visa,
            approvalThreshold: ApprovalNeeded,
            approvalTimeout: SagaOrders.ShortApprovalTimeout));

    /// <summary>
    /// A declined card whose refund fails <see cref="FailingRefunds"/> times: the compensation is retried until it
    /// succeeds.
    /// </summary>
    public static Scenario CompensationRetried { get; } = Start(
        "saga-compensation-retried",
        SagaOrders.Input(TestTokens.Decline),
        FailingRefunds);

    private static Scenario Start(string name, PlaceOrderInput input, int failingRefunds = 0)
        => Scenario.StartInWorld(
            name,
            cancellationToken => SagaDomain.CreateAsync(failingRefunds, cancellationToken),
            PlaceOrderOrchestrator.Name,
            input);
}
