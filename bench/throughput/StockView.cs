namespace Serverless.Bench.Throughput;

/// <summary>The body of <c>GET /api/inventory/{sku}</c>.</summary>
internal sealed record StockView(string Sku, long Available, long Reserved, long Sold, decimal UnitPrice);
