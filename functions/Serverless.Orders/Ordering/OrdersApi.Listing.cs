using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Serverless.Http;

namespace Serverless.Orders.Ordering;

public static partial class OrdersApi
{
    /// <summary>
    /// <c>GET /orders?status=&amp;customerId=&amp;createdFrom=&amp;top=&amp;continuationToken=</c>: one page of the
    /// orders that match every filter given: <c>status</c> (one of <see cref="OrderStatus"/>), <c>customerId</c>
    /// (exact), <c>createdFrom</c> (placed at or after this ISO 8601 time). 400 naming each malformed value.
    /// </summary>
    public static async Task<Results<Ok<OrderPage>, ValidationProblem>> ListAsync(
        [FromQuery] string? status,
        [FromQuery] string? customerId,
        [FromQuery] string? createdFrom,
        [FromQuery] string? top,
        [FromQuery] string? continuationToken,
        [FromServices] OrderStore orders,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        OrderStatus? statusFilter = null;
        if (status is not null)
        {
            if (Enum.GetNames<OrderStatus>().FirstOrDefault(n => string.Equals(
                n,
                status,
                StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                statusFilter = Enum.Parse<OrderStatus>(name);
            }
            else
            {
                errors["status"] = [$"The status must be one of {string.Join(", ", Enum.GetNames<OrderStatus>())}."];
            }
        }

        if (customerId is not null && !Identifiers.IsValidCustomerId(customerId))
        {
            errors["customerId"] = ["A customer id is 1-128 printable characters without surrounding spaces."];
        }

        DateTimeOffset? from = null;
        if (createdFrom is not null)
        {
            if (DateTimeOffset.TryParse(
                createdFrom,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var parsed))
            {
                from = parsed;
            }
            else
            {
                errors["createdFrom"] = ["createdFrom must be an ISO 8601 date and time, e.g. 2026-11-23T12:00:00Z."];
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
                return TypedResults.Ok(await orders.ListAsync(
                    new OrderListFilter(statusFilter, customerId, from),
                    pageSize,
                    continuationToken,
                    cancellationToken).ConfigureAwait(false));
            }
            catch (ArgumentException)
            {
                errors["continuationToken"] = ["The continuation token is malformed; pass back the one a previous " +
                    "page returned."];
            }
        }

        return TypedResults.ValidationProblem(errors, title: FunctionResults.ValidationTitle);
    }
}
