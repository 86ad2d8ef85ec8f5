using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Orders.Ordering;

namespace Serverless.Functions.Http;

/// <summary>
/// <c>/api/orders</c>: the same functions (name, route, methods, key level) as the local host declares, over the same
/// handlers. The <see cref="DurableTaskClient"/> comes from Durable Functions' <c>[DurableClient]</c> binding.
/// </summary>
public sealed class OrderHttpFunctions(OrderServiceFactory orderServices, OrderStore orders, OrderLinks links)
{
    /// <summary><c>POST /api/orders</c>.</summary>
    [Function("CreateOrder")]
    public async Task<IResult> CreateOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Headers.TryGetValue(OrdersApi.IdempotencyKeyHeader, out var values)
            ? values.ToString()
            : null;
        return await OrdersApi.CreateAsync(
            request.HttpContext,
            key,
            orderServices.Create(client),
            links,
            cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary><c>GET /api/orders</c>.</summary>
    [Function("ListOrders")]
    public async Task<IResult> ListOrdersAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "orders")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        return await OrdersApi.ListAsync(
            Single(query, "status"),
            Single(query, "customerId"),
            Single(query, "createdFrom"),
            Single(query, "top"),
            Single(query, "continuationToken"),
            orders,
            cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary><c>GET /api/orders/{orderId}</c>.</summary>
    [Function("GetOrder")]
    public async Task<IResult> GetOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "orders/{orderId}")] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken) =>
        await OrdersApi.GetAsync(orderId, orders, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /api/orders/{orderId}/approve</c>.</summary>
    [Function("ApproveOrder")]
    public async Task<IResult> ApproveOrderAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "orders/{orderId}/approve")] HttpRequest request,
        string orderId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await OrdersApi.ApproveAsync(
            orderId,
            request.HttpContext,
            orderServices.Create(client),
            links,
            cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary><c>POST /api/orders/{orderId}/reject</c> (optional <c>{"reason"}</c>).</summary>
    [Function("RejectOrder")]
    public async Task<IResult> RejectOrderAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "orders/{orderId}/reject")] HttpRequest request,
        string orderId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await OrdersApi.RejectAsync(
            orderId,
            request.HttpContext,
            orderServices.Create(client),
            links,
            cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary><c>POST /api/orders/{orderId}/cancel</c>.</summary>
    [Function("CancelOrder")]
    public async Task<IResult> CancelOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{orderId}/cancel")] HttpRequest request,
        string orderId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await OrdersApi.CancelAsync(
            orderId,
            request.HttpContext,
            orderServices.Create(client),
            links,
            cancellationToken)
            .ConfigureAwait(false);
    }

    // Minimal APIs bind a repeated query key as its values joined by commas; so does StringValues.ToString().
    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;
}
