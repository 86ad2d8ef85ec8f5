namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>One line of an order as the host returns it.</summary>
public sealed record OrderItemDto(string Sku, int Quantity, decimal UnitPrice, decimal LineTotal);
