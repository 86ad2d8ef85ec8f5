namespace Serverless.Bench.Throughput;

/// <summary>
/// Where the invariants read the end state: the host's HTTP API, or the in-process stores of the comparison.
/// </summary>
internal interface IOrdersProbe
{
    IReadOnlyList<string> Skus { get; }

    Task<StockView> GetStockAsync(string sku, CancellationToken cancellationToken);

    Task<PaymentView> GetPaymentAsync(string orderId, CancellationToken cancellationToken);
}
