namespace Serverless.Orders.Diagnostics;

/// <summary>How the order metrics read the store (the <c>Orders:Metrics</c> section).</summary>
public sealed class OrdersMetricsOptions
{
    /// <summary>
    /// The shortest time between two counts of the orders in status <c>Compensating</c> for the
    /// <c>orders.compensating</c> gauge (default 1 min; 0 reads at every collection). Each count is one filtered
    /// query across the <c>Orders</c> table, which Azure Tables and DynamoDB answer by scanning it; it is made only
    /// while a listener collects the gauge, in the background, one at a time.
    /// </summary>
    public TimeSpan CompensatingReadInterval { get; set; } = TimeSpan.FromMinutes(1);
}
