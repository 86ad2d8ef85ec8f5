using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Orders.Fulfilment;
using Serverless.Orders.Ordering;

namespace Serverless.Functions.Http;

/// <summary><c>GET /api/shipments/{orderId}</c>, over the shared handler.</summary>
public sealed class ShipmentsFunctions(ShipmentStore shipments, OrderStore orders)
{
    /// <summary><c>GET /api/shipments/{orderId}</c>.</summary>
    [Function("GetShipment")]
    public async Task<IResult> GetShipmentAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "shipments/{orderId}")] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken) =>
        await ShipmentsApi.GetShipmentAsync(orderId, shipments, orders, cancellationToken).ConfigureAwait(false);
}
