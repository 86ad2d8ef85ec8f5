using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Serverless.Hosting.Http;
using Serverless.Orders.Serialization;

namespace Serverless.Orders.Ordering;

/// <summary><c>/orders</c>: place, read, list, approve and reject orders.</summary>
internal static class OrdersApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string GetOrderFunction = "GetOrder";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/orders");
        orders.MapPost("/", CreateAsync).AsFunction("CreateOrder", AuthorizationLevel.Function);
        orders.MapGet("/", ListAsync).AsFunction("ListOrders", AuthorizationLevel.Function);
        orders.MapGet("/{orderId}", GetAsync).AsFunction(GetOrderFunction, AuthorizationLevel.Function);
        orders.MapPost("/{orderId}/approve", ApproveAsync).AsFunction("ApproveOrder", AuthorizationLevel.Function);
        orders.MapPost("/{orderId}/reject", RejectAsync).AsFunction("RejectOrder", AuthorizationLevel.Function);
    }

    internal static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext context,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        [FromServices] OrderService service,
        [FromServices] LinkGenerator links,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(context.Request, OrdersJsonContext.Default.CreateOrderRequest, cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        var placement = await service.PlaceAsync(body.Value, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return placement.Outcome switch
        {
            OrderPlacementOutcome.Invalid => TypedResults.ValidationProblem(placement.Errors!, title: FunctionResults.ValidationTitle),
            OrderPlacementOutcome.KeyReused => FunctionResults.Problem(
                StatusCodes.Status422UnprocessableEntity,
                $"The {IdempotencyKeyHeader} was already used for a different request (order {placement.Order!.OrderId})."),
            _ => Accepted(context, links, placement.Order!),
        };
    }

    internal static async Task<Results<Ok<Order>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string orderId,
        [FromServices] OrderStore orders,
        CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return InvalidOrderId();
        }

        return await orders.GetAsync(orderId, cancellationToken).ConfigureAwait(false) is { } order
            ? TypedResults.Ok(order)
            : NotFound(orderId);
    }

    internal static async Task<Results<Ok<OrderPage>, ValidationProblem>> ListAsync(
        [FromQuery] string? status,
        [FromQuery] string? top,
        [FromQuery] string? continuationToken,
        [FromServices] OrderStore orders,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        OrderStatus? filter = null;
        if (status is not null)
        {
            if (Enum.GetNames<OrderStatus>().FirstOrDefault(n => string.Equals(n, status, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                filter = Enum.Parse<OrderStatus>(name);
            }
            else
            {
                errors["status"] = [$"The status must be one of {string.Join(", ", Enum.GetNames<OrderStatus>())}."];
            }
        }

        if (!QueryValues.TryParsePageSize(top, DefaultPageSize, MaxPageSize, out var pageSize))
        {
            errors["top"] = [$"top must be a whole number between 1 and {MaxPageSize}."];
        }

        if (errors.Count == 0)
        {
            try
            {
                return TypedResults.Ok(await orders.ListAsync(filter, pageSize, continuationToken, cancellationToken).ConfigureAwait(false));
            }
            catch (ArgumentException)
            {
                errors["continuationToken"] = ["The continuation token is malformed; pass back the one a previous page returned."];
            }
        }

        return TypedResults.ValidationProblem(errors, title: FunctionResults.ValidationTitle);
    }

    internal static Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string orderId,
        HttpContext context,
        [FromServices] OrderService service,
        [FromServices] LinkGenerator links,
        CancellationToken cancellationToken) =>
        DecideAsync(orderId, approve: true, context, service, links, cancellationToken);

    internal static Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        string orderId,
        HttpContext context,
        [FromServices] OrderService service,
        [FromServices] LinkGenerator links,
        CancellationToken cancellationToken) =>
        DecideAsync(orderId, approve: false, context, service, links, cancellationToken);

    internal static ValidationProblem InvalidOrderId() =>
        FunctionResults.FieldProblem("orderId", "An order id is 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");

    private static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string orderId,
        bool approve,
        HttpContext context,
        OrderService service,
        LinkGenerator links,
        CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return InvalidOrderId();
        }

        var (outcome, order) = await service.DecideAsync(orderId, approve, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            ApprovalOutcome.NotFound => NotFound(orderId),
            ApprovalOutcome.NotAwaitingApproval => FunctionResults.Problem(
                StatusCodes.Status409Conflict,
                $"Order {orderId} is {order!.Status}, not {OrderStatus.AwaitingApproval}; only an order awaiting approval can be approved or rejected."),
            ApprovalOutcome.AlreadyDecided => FunctionResults.Problem(
                StatusCodes.Status409Conflict,
                $"Order {orderId} was already decided (approved, rejected or timed out); only the first decision counts."),
            _ => Accepted(context, links, order!),
        };
    }

    private static Accepted<OrderAccepted> Accepted(HttpContext context, LinkGenerator links, Order order)
    {
        var uri = links.GetUriByName(context, GetOrderFunction, new RouteValueDictionary { ["orderId"] = order.OrderId })
            ?? throw new InvalidOperationException($"The {GetOrderFunction} endpoint is not mapped.");
        return TypedResults.Accepted(uri, new OrderAccepted(order.OrderId, order.Status, uri));
    }

    private static ProblemHttpResult NotFound(string orderId) =>
        FunctionResults.Problem(StatusCodes.Status404NotFound, $"There is no order '{orderId}'.");
}
