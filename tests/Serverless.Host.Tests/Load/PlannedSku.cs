namespace Serverless.Host.Tests.Load;

/// <summary>A SKU of a load run and its initial stock.</summary>
public sealed record PlannedSku(string Sku, long Stock, decimal UnitPrice);
