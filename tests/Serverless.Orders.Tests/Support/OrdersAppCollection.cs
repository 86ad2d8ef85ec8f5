namespace Serverless.Orders.Tests.Support;

/// <summary>The tests that share one running <see cref="OrdersApp"/> (each uses its own SKUs and orders).</summary>
[CollectionDefinition(Name)]
public sealed class OrdersAppCollection : ICollectionFixture<OrdersApp>
{
    public const string Name = "orders app";
}
