using Serverless.Orders;
using Serverless.Orders.Ordering;
using Serverless.Orders.Saga;

namespace Serverless.Conformance.Tests.Catalog.Saga;

/// <summary>The orders the saga scenarios place: one SKU, fixed prices, a policy with short waits.</summary>
internal static class SagaOrders
{
    /// <summary>The order id (each run has a domain of its own, so every scenario may use the same one).</summary>
    public const string OrderId = "order-conformance-1";

    /// <summary>The only SKU in stock.</summary>
    public const string Sku = "sku-widget";

    /// <summary>The units of <see cref="Sku"/> every domain starts with.</summary>
    public const long Stock = 10;

    /// <summary>The price of one unit.</summary>
    public const decimal UnitPrice = 12.50m;

    /// <summary>The approval threshold of an order that needs no approval.</summary>
    public const decimal NoApproval = 1_000m;

    /// <summary>
    /// How long an approval may take before the saga cancels: 1 s, since the Azure Storage backend's timers have
    /// whole-second resolution; long enough for a decision raised right after the start to arrive first.
    /// </summary>
    public static readonly TimeSpan ShortApprovalTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An order of <paramref name="quantity"/> units paid with <paramref name="token"/>; orders over
    /// <paramref name="approvalThreshold"/> wait for approval up to <paramref name="approvalTimeout"/> (an hour when
    /// null).
    /// </summary>
    public static PlaceOrderInput Input(
        string token,
        int quantity = 2,
        decimal approvalThreshold = NoApproval,
        TimeSpan? approvalTimeout = null)
    {
        var total = quantity * UnitPrice;
        var policy = new PlaceOrderPolicy(
            approvalThreshold,
            approvalTimeout ?? TimeSpan.FromHours(1),
            PaymentRetry: Retry(maxAttempts: 4),
            StepRetry: Retry(maxAttempts: 3),
            MustSucceedRetry: Retry(maxAttempts: 10));
        return new PlaceOrderInput(
            OrderId,
            "customer-conformance",
            [new OrderItem(Sku, quantity, UnitPrice, total)],
            total,
            token,
            policy,
            new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero),
            IdempotencyKey: null,
            Fingerprint: "conformance");
    }

    // Short waits keep the suite quick; the jitter still runs (from the orchestration's replay-safe NewGuid).
    private static RetrySettings Retry(int maxAttempts) => new()
    {
        MaxAttempts = maxAttempts,
        FirstRetryInterval = TimeSpan.FromMilliseconds(100),
        BackoffCoefficient = 2,
        MaxRetryInterval = TimeSpan.FromMilliseconds(400),
        Jitter = 0.2,
    };
}
