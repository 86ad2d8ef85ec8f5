namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>The body of <c>GET /api/inventory/{sku}</c>.</summary>
public sealed record StockDto(string Sku, long Available, long Reserved, long Sold, decimal UnitPrice)
{
    public long Total => Available + Reserved + Sold;
}
