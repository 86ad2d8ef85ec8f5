using Serverless.Orders.Diagnostics;
using Serverless.Orders.Fulfilment;
using Serverless.Orders.Payments;
using Serverless.Orders.Recovery;

namespace Serverless.Orders;

/// <summary>
/// Settings of the order function set, bound from the <c>Orders</c> configuration section (environment
/// <c>Orders__ApprovalThreshold</c>, <c>local.settings.json</c> <c>Values</c>, or
/// <c>--Orders:ApprovalTimeout=00:05:00</c>). The saga settings are copied into each order's saga when it is placed, so
/// changing them affects only new orders.
/// </summary>
public sealed class OrdersOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Orders";

    /// <summary>Orders whose total exceeds this wait for an approval (default 1000.00).</summary>
    public decimal ApprovalThreshold { get; set; } = 1000.00m;

    /// <summary>
    /// Orders whose total exceeds this are screened for fraud before the charge (default 500.00), by sagas of version
    /// 2.0 and later (<c>Durable:DefaultVersion</c>); a refused screen cancels the order.
    /// </summary>
    public decimal ScreenThreshold { get; set; } = 500.00m;

    /// <summary>How long an order waits for approval before it is cancelled (default 24 h).</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How the saga retries a charge that failed transiently (declines are never retried).</summary>
    public RetrySettings PaymentRetry { get; set; } = new()
    {
        MaxAttempts = 5,
        FirstRetryInterval = TimeSpan.FromSeconds(1),
        MaxRetryInterval = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// How the saga retries its forward steps (record, reserve, commit) before it gives up and compensates.
    /// </summary>
    public RetrySettings StepRetry { get; set; } = new()
    {
        MaxAttempts = 5,
        FirstRetryInterval = TimeSpan.FromMilliseconds(500),
        MaxRetryInterval = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// How the saga retries what it must never give up on: refunds and stock releases (a cancelled order must not keep
    /// the customer's money or the stock), the final status change, and publishing <c>OrderConfirmed</c>. By default,
    /// until they succeed, backing off to one attempt every 5 minutes.
    /// </summary>
    public RetrySettings MustSucceedRetry { get; set; } = new()
    {
        MaxAttempts = int.MaxValue,
        FirstRetryInterval = TimeSpan.FromSeconds(1),
        MaxRetryInterval = TimeSpan.FromMinutes(5),
    };

    /// <summary>Which payment gateway takes the money (the simulator by default, or a card provider).</summary>
    public PaymentsOptions Payments { get; set; } = new();

    /// <summary>How the embedded payment simulator behaves.</summary>
    public PaymentSimulatorOptions Simulator { get; set; } = new();

    /// <summary>How <c>FulfilOrder</c> behaves: its fault knob.</summary>
    public FulfilmentOptions Fulfilment { get; set; } = new();

    /// <summary>How orders whose orchestration ended without settling them are found and cancelled.</summary>
    public ReconciliationOptions Reconciliation { get; set; } = new();

    /// <summary>How the order metrics read the store.</summary>
    public OrdersMetricsOptions Metrics { get; set; } = new();

    internal IEnumerable<string> Validate()
    {
        foreach (var error in Reconciliation.Validate().Concat(Payments.Validate("Orders:Payments")))
        {
            yield return error;
        }

        if (ApprovalThreshold < 0)
        {
            yield return "Orders:ApprovalThreshold must not be negative.";
        }

        if (ScreenThreshold < 0)
        {
            yield return "Orders:ScreenThreshold must not be negative.";
        }

        if (Metrics.CompensatingReadInterval < TimeSpan.Zero)
        {
            yield return "Orders:Metrics:CompensatingReadInterval must not be negative.";
        }

        if (ApprovalTimeout <= TimeSpan.Zero)
        {
            yield return "Orders:ApprovalTimeout must be positive.";
        }

        foreach (var (name, negative) in new[]
        {
            ("TransientFailures", Simulator.TransientFailures < 0),
            ("RefundFailures", Simulator.RefundFailures < 0),
            ("SlowDelay", Simulator.SlowDelay < TimeSpan.Zero),
        })
        {
            if (negative)
            {
                yield return $"Orders:Simulator:{name} must not be negative.";
            }
        }

        if (Fulfilment.SimulatedFailures < 0)
        {
            yield return "Orders:Fulfilment:SimulatedFailures must not be negative (0 turns the fault knob off).";
        }

        var retryErrors = PaymentRetry.Validate("Orders:PaymentRetry")
            .Concat(StepRetry.Validate("Orders:StepRetry"))
            .Concat(MustSucceedRetry.Validate("Orders:MustSucceedRetry"));
        foreach (var error in retryErrors)
        {
            yield return error;
        }
    }
}
