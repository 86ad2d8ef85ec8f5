namespace Serverless.Orders.Ordering;

/// <summary>One line of an order, at the price it was placed at.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Quantity">How many units.</param>
/// <param name="UnitPrice">The price of one unit when the order was placed.</param>
/// <param name="LineTotal"><paramref name="Quantity"/> × <paramref name="UnitPrice"/>.</param>
public sealed record OrderItem(string Sku, int Quantity, decimal UnitPrice, decimal LineTotal);
