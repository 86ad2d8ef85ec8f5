namespace Serverless.Host.Tests.BadInput;

/// <summary>What a bad-input row aims at, new for each row.</summary>
/// <param name="Sku">A SKU stocked with 10 before the row runs.</param>
/// <param name="Customer">The customer an order row places for.</param>
/// <param name="Key">The <c>Idempotency-Key</c> an order row sends.</param>
/// <param name="AwaitingOrderId">An order awaiting approval (its saga running), for the rows that act on one.</param>
public sealed record BadInputTarget(string Sku, string Customer, string Key, string AwaitingOrderId);
