using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Orders.Inventory;

namespace Serverless.Functions.Http;

/// <summary><c>/api/inventory/{sku}</c>: set stock (admin key) and read it, over the shared handlers.</summary>
public sealed class InventoryFunctions(InventoryStore inventory)
{
    /// <summary><c>PUT /api/inventory/{sku}</c>.</summary>
    [Function("SetStock")]
    public async Task<IResult> SetStockAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "inventory/{sku}")] HttpRequest request,
        string sku,
        CancellationToken cancellationToken) =>
        await InventoryApi.SetStockAsync(sku, request, inventory, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /api/inventory/{sku}</c>.</summary>
    [Function("GetStock")]
    public async Task<IResult> GetStockAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "inventory/{sku}")] HttpRequest request,
        string sku,
        CancellationToken cancellationToken) =>
        await InventoryApi.GetStockAsync(sku, inventory, cancellationToken).ConfigureAwait(false);
}
