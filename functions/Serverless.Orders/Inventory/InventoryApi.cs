using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Serverless.Http;
using Serverless.Orders.Serialization;

namespace Serverless.Orders.Inventory;

/// <summary>
/// The handlers of <c>PUT</c> (an admin operation) and <c>GET /inventory/{sku}</c>, shared by every host.
/// </summary>
public static class InventoryApi
{
    /// <summary>The largest stock quantity accepted.</summary>
    public const long MaxQuantity = 1_000_000;

    /// <summary>The largest unit price accepted.</summary>
    public const decimal MaxUnitPrice = 1_000_000m;

    /// <summary>
    /// <c>PUT /inventory/{sku}</c> <c>{"quantity","unitPrice"}</c>: sets a SKU's available stock and price.
    /// </summary>
    public static async Task<Results<Ok<StockResponse>, ValidationProblem, ProblemHttpResult>> SetStockAsync(
        string sku,
        HttpRequest request,
        [FromServices] InventoryStore inventory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (!Identifiers.IsValidSku(sku))
        {
            return InvalidSku();
        }

        var body = await JsonBody.ReadAsync(request, OrdersJsonContext.Default.SetStockRequest, cancellationToken)
            .ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Value.Quantity is not { } quantity)
        {
            errors["quantity"] = ["The field is required."];
        }
        else if (quantity is < 0 or > MaxQuantity)
        {
            errors["quantity"] = [$"The quantity must be between 0 and {MaxQuantity}."];
        }

        if (body.Value.UnitPrice is not { } unitPrice)
        {
            errors["unitPrice"] = ["The field is required."];
        }
        else if (unitPrice <= 0 || unitPrice > MaxUnitPrice || decimal.Round(unitPrice, 2) != unitPrice)
        {
            errors["unitPrice"] = [$"The unit price must be more than 0 and at most {MaxUnitPrice}, with at most two " +
                $"decimals."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: FunctionResults.ValidationTitle);
        }

        var level = await inventory.SetStockAsync(
            sku,
            body.Value.Quantity!.Value,
            body.Value.UnitPrice!.Value,
            cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(StockResponse.From(level));
    }

    /// <summary><c>GET /inventory/{sku}</c>: the SKU's stock; 404 when unknown.</summary>
    public static async Task<Results<Ok<StockResponse>, ValidationProblem, ProblemHttpResult>> GetStockAsync(
        string sku,
        [FromServices] InventoryStore inventory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (!Identifiers.IsValidSku(sku))
        {
            return InvalidSku();
        }

        return await inventory.GetAsync(sku, cancellationToken).ConfigureAwait(false) is { } level
            ? TypedResults.Ok(StockResponse.From(level))
            : FunctionResults.Problem(StatusCodes.Status404NotFound, $"There is no SKU '{sku}'.");
    }

    private static ValidationProblem InvalidSku() =>
        FunctionResults.FieldProblem(
            "sku",
            "A SKU is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
}
