using Microsoft.AspNetCore.Routing;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;

namespace Serverless.Orders;

/// <summary>Maps the HTTP functions of the order function set.</summary>
public static class OrdersEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, relative to <paramref name="endpoints"/> (normally the <c>/api</c> group: <c>app.MapFunctionsApi().MapOrdersApi()</c>):
    /// <list type="bullet">
    /// <item><c>PUT /inventory/{sku}</c> <c>SetStock</c> (admin key), <c>GET /inventory/{sku}</c> <c>GetStock</c>;</item>
    /// <item><c>POST /orders</c> <c>CreateOrder</c> (optional <c>Idempotency-Key</c>), <c>GET /orders</c> <c>ListOrders</c>
    /// (<c>status</c>, <c>top</c>, <c>continuationToken</c>), <c>GET /orders/{orderId}</c> <c>GetOrder</c>,
    /// <c>POST /orders/{orderId}/approve</c> <c>ApproveOrder</c>, <c>POST /orders/{orderId}/reject</c> <c>RejectOrder</c>;</item>
    /// <item><c>GET /payments/{orderId}</c> <c>GetPayment</c>.</item>
    /// </list>
    /// Every error is problem+json naming the offending field; invalid requests change nothing. Needs <c>AddOrders</c> and
    /// <c>AddDurableTask</c> registered.
    /// </summary>
    public static TBuilder MapOrdersApi<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointRouteBuilder
    {
        InventoryApi.Map(endpoints);
        OrdersApi.Map(endpoints);
        PaymentsApi.Map(endpoints);
        return endpoints;
    }
}
