using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Serverless.Http;
using Serverless.Orders.Fulfilment;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;

namespace Serverless.Orders;

/// <summary>
/// The route map of the order function set's HTTP API: route, function name and key level of each function, over the
/// handlers beside it. Hosts that map minimal-API endpoints (the local host, Lambda mode) map this; the Function App
/// declares the same functions with <c>[HttpTrigger]</c>s, and its tests check that both declare the same.
/// </summary>
public static class OrdersApiRoutes
{
    /// <summary>
    /// Maps, relative to <paramref name="endpoints"/> (normally the <c>/api</c> group:
    /// <c>app.MapFunctionsApi().MapOrdersApi()</c>):
    /// <list type="bullet">
    /// <item><c>PUT /inventory/{sku}</c> <c>SetStock</c> (admin key), <c>GET /inventory/{sku}</c>
    /// <c>GetStock</c>;</item>
    /// <item><c>POST /orders</c> <c>CreateOrder</c> (optional <c>Idempotency-Key</c>), <c>GET /orders</c>
    /// <c>ListOrders</c> (<c>status</c>, <c>customerId</c>, <c>createdFrom</c>, <c>top</c>, <c>continuationToken</c>),
    /// <c>GET /orders/{orderId}</c>
    /// <c>GetOrder</c>, <c>POST /orders/{orderId}/approve</c> <c>ApproveOrder</c>, <c>POST /orders/{orderId}/reject</c>
    /// <c>RejectOrder</c>, <c>POST /orders/{orderId}/cancel</c> <c>CancelOrder</c>;</item>
    /// <item><c>GET /payments/{orderId}</c> <c>GetPayment</c>; <c>GET /shipments/{orderId}</c>
    /// <c>GetShipment</c>.</item>
    /// </list>
    /// Needs <see cref="OrdersServiceCollectionExtensions.AddOrders"/> and a <c>DurableTaskClient</c> registered.
    /// </summary>
    public static TBuilder MapOrdersApi<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointRouteBuilder
    {
        var inventory = endpoints.MapGroup("/inventory");
        inventory.MapPut("/{sku}", InventoryApi.SetStockAsync).AsFunction("SetStock", AuthorizationLevel.Admin);
        inventory.MapGet("/{sku}", InventoryApi.GetStockAsync).AsFunction("GetStock", AuthorizationLevel.Function);

        var orders = endpoints.MapGroup("/orders");
        orders.MapPost("/", OrdersApi.CreateAsync)
            .AsFunction("CreateOrder", AuthorizationLevel.Function)
            .WithAdmissionControl();
        orders.MapGet("/", OrdersApi.ListAsync).AsFunction("ListOrders", AuthorizationLevel.Function);
        orders.MapGet("/{orderId}", OrdersApi.GetAsync).AsFunction("GetOrder", AuthorizationLevel.Function);
        // Approvals are decided by the shop, not the customer who placed the order: the admin key.
        orders.MapPost("/{orderId}/approve", OrdersApi.ApproveAsync).AsFunction(
            "ApproveOrder",
            AuthorizationLevel.Admin);
        orders.MapPost("/{orderId}/reject", OrdersApi.RejectAsync).AsFunction(
            "RejectOrder",
            AuthorizationLevel.Admin);
        orders.MapPost("/{orderId}/cancel", OrdersApi.CancelAsync).AsFunction(
            "CancelOrder",
            AuthorizationLevel.Function);

        endpoints.MapGroup("/payments").MapGet("/{orderId}", PaymentsApi.GetPaymentAsync).AsFunction(
            "GetPayment",
            AuthorizationLevel.Function);
        endpoints.MapGroup("/shipments").MapGet("/{orderId}", ShipmentsApi.GetShipmentAsync).AsFunction(
            "GetShipment",
            AuthorizationLevel.Function);
        return endpoints;
    }
}
