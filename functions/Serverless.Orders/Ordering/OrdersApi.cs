using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Serverless.Http;
using Serverless.Orders.Serialization;

namespace Serverless.Orders.Ordering;

/// <summary>
/// The handlers of <c>/orders</c>: place, read, list, approve, reject and cancel orders. Shared by every host: each
/// host declares the routes, function names and key levels itself (the local host with minimal APIs, the Function App
/// with <c>[HttpTrigger]</c>s) and calls these.
/// </summary>
public static partial class OrdersApi
{
    /// <summary>The header that makes placing an order idempotent.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The most orders one page of <c>GET /orders</c> lists unless <c>top</c> says otherwise.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest <c>top</c> accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The longest rejection reason accepted, in characters.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>
    /// <c>POST /orders</c>: validates and places an order; 202 with its status URI, 400 naming bad fields, 422 for a
    /// reused key.
    /// </summary>
    public static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext context,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        [FromServices] OrderService service,
        [FromServices] OrderLinks links,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(links);
        var body = await JsonBody.ReadAsync(
            context.Request,
            OrdersJsonContext.Default.CreateOrderRequest,
            cancellationToken)
            .ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        var placement = await service.PlaceAsync(body.Value, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return placement.Outcome switch
        {
            OrderPlacementOutcome.Invalid =>
                TypedResults.ValidationProblem(placement.Errors!, title: FunctionResults.ValidationTitle),
            OrderPlacementOutcome.KeyReused => FunctionResults.Problem(
                StatusCodes.Status422UnprocessableEntity,
                $"The {IdempotencyKeyHeader} was already used for a different request (order " +
                    $"{placement.Order!.OrderId})."),
            _ => Accepted(context, links, placement.Order!),
        };
    }

    /// <summary><c>GET /orders/{orderId}</c>: the order; 404 when there is none.</summary>
    public static async Task<Results<Ok<Order>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string orderId,
        [FromServices] OrderStore orders,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return InvalidOrderId();
        }

        return await orders.GetAsync(orderId, cancellationToken).ConfigureAwait(false) is { } order
            ? TypedResults.Ok(order)
            : NotFound(orderId);
    }

    /// <summary>
    /// <c>POST /orders/{orderId}/approve</c>: approves an order awaiting approval. It takes no fields: no body, or
    /// <c>{}</c>.
    /// </summary>
    public static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string orderId,
        HttpContext context,
        [FromServices] OrderService service,
        [FromServices] OrderLinks links,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Identifiers.IsValidOrderId(orderId)
            && await ActionBodies.RefuseFieldsAsync(context.Request, cancellationToken).ConfigureAwait(false)
                is { } refused)
        {
            return refused;
        }

        return await DecideAsync(orderId, approve: true, reason: null, context, service, links, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /orders/{orderId}/reject</c>: rejects an order awaiting approval. The body is optional; when sent it is
    /// <c>{"reason":"..."}</c> (1-200 characters, no control characters), which the cancelled order keeps as its
    /// reason.
    /// </summary>
    public static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        string orderId,
        HttpContext context,
        [FromServices] OrderService service,
        [FromServices] OrderLinks links,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return InvalidOrderId();
        }

        string? reason = null;
        if (ActionBodies.IsPresent(context.Request))
        {
            var body = await JsonBody.ReadAsync(
                context.Request,
                OrdersJsonContext.Default.RejectOrderRequest,
                cancellationToken)
                .ConfigureAwait(false);
            if (!body.IsValid)
            {
                return body.Problem;
            }

            reason = body.Value.Reason;
            if (reason is not null && !IsValidReason(reason))
            {
                return FunctionResults.FieldProblem(
                    "reason",
                    $"The reason must be 1-{MaxReasonLength} characters, without control characters or surrounding " +
                        $"spaces.");
            }
        }

        return await DecideAsync(orderId, approve: false, reason, context, service, links, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /orders/{orderId}/cancel</c>: the customer cancels the order (no fields: no body, or <c>{}</c>). 202
    /// with its status URI while its payment is not committed (and when it is cancelled already: repeating is
    /// harmless); 409 once its payment was committed; 404 for an unknown order.
    /// </summary>
    public static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string orderId,
        HttpContext context,
        [FromServices] OrderService service,
        [FromServices] OrderLinks links,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(links);
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return InvalidOrderId();
        }

        var refused = await ActionBodies.RefuseFieldsAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var request = await service.CancelAsync(orderId, cancellationToken).ConfigureAwait(false);
        return request.Outcome switch
        {
            CancelOutcome.NotFound => NotFound(orderId),
            CancelOutcome.Committed => FunctionResults.Problem(
                StatusCodes.Status409Conflict,
                $"Order {orderId} can no longer be cancelled: its payment was committed at {request.CommittedAt:O}."),
            _ => Accepted(context, links, request.Order!),
        };
    }

    internal static ValidationProblem InvalidOrderId() =>
        FunctionResults.FieldProblem(
            "orderId",
            "An order id is 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");

    internal static bool IsValidReason(string reason) =>
        reason.Length is > 0 and <= MaxReasonLength
            && reason.Trim().Length == reason.Length
            && !reason.Any(char.IsControl);

    private static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string orderId,
        bool approve,
        string? reason,
        HttpContext context,
        OrderService service,
        OrderLinks links,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(links);
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return InvalidOrderId();
        }

        var (outcome, order) = await service.DecideAsync(orderId, approve, reason, cancellationToken)
            .ConfigureAwait(false);
        return outcome switch
        {
            ApprovalOutcome.NotFound => NotFound(orderId),
            ApprovalOutcome.OrchestrationEnded => FunctionResults.Problem(
                StatusCodes.Status409Conflict,
                $"Order {orderId} can no longer be approved or rejected: its orchestration has ended (terminated, " +
                    $"failed or purged); the order is being cancelled and its stock released."),
            ApprovalOutcome.NotAwaitingApproval => FunctionResults.Problem(
                StatusCodes.Status409Conflict,
                $"Order {orderId} is {order!.Status}, not {OrderStatus.AwaitingApproval}; only an order awaiting " +
                    $"approval can be approved or rejected."),
            ApprovalOutcome.AlreadyDecided => FunctionResults.Problem(
                StatusCodes.Status409Conflict,
                $"Order {orderId} was already decided (approved, rejected or timed out); only the first decision " +
                    $"counts."),
            _ => Accepted(context, links, order!),
        };
    }

    private static Accepted<OrderAccepted> Accepted(HttpContext context, OrderLinks links, Order order)
    {
        var uri = links.OrderUri(context.Request, order.OrderId);
        return TypedResults.Accepted(uri, new OrderAccepted(order.OrderId, order.Status, uri));
    }

    private static ProblemHttpResult NotFound(string orderId) =>
        FunctionResults.Problem(StatusCodes.Status404NotFound, $"There is no order '{orderId}'.");
}
