using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Serverless.Http;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Fulfilment;

/// <summary>The handler of <c>GET /shipments/{orderId}</c>, shared by every host.</summary>
public static class ShipmentsApi
{
    /// <summary>
    /// <c>GET /shipments/{orderId}</c>: the order's shipment; 404 until fulfilment created it, saying whether one is
    /// still to come (the order is not settled yet) or never will (no such order, or it was cancelled).
    /// </summary>
    public static async Task<Results<Ok<Shipment>, ValidationProblem, ProblemHttpResult>> GetShipmentAsync(
        string orderId,
        [FromServices] ShipmentStore shipments,
        [FromServices] OrderStore orders,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        ArgumentNullException.ThrowIfNull(orders);
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return OrdersApi.InvalidOrderId();
        }

        if (await shipments.GetAsync(orderId, cancellationToken).ConfigureAwait(false) is { } shipment)
        {
            return TypedResults.Ok(shipment);
        }

        var detail = (await orders.GetAsync(orderId, cancellationToken).ConfigureAwait(false))?.Status switch
        {
            null => $"There is no order '{orderId}'.",
            OrderStatus.Cancelled => $"Order '{orderId}' was cancelled: it is not shipped.",
            _ => $"There is no shipment for order '{orderId}' yet: it is created once the order is confirmed.",
        };
        return FunctionResults.Problem(StatusCodes.Status404NotFound, detail);
    }
}
