using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Serverless.Http;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Fulfilment;

/// <summary>The handler of <c>GET /shipments/{orderId}</c>, shared by every host.</summary>
public static class ShipmentsApi
{
    /// <summary><c>GET /shipments/{orderId}</c>: the order's shipment; 404 until fulfilment created it.</summary>
    public static async Task<Results<Ok<Shipment>, ValidationProblem, ProblemHttpResult>> GetShipmentAsync(
        string orderId,
        [FromServices] ShipmentStore shipments,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return OrdersApi.InvalidOrderId();
        }

        return await shipments.GetAsync(orderId, cancellationToken).ConfigureAwait(false) is { } shipment
            ? TypedResults.Ok(shipment)
            : FunctionResults.Problem(
                StatusCodes.Status404NotFound,
                $"There is no shipment for order '{orderId}' (yet).");
    }
}
