using Serverless.Orders.Payments;

namespace Serverless.Orders.Ordering;

/// <summary>
/// Checks a <see cref="CreateOrderRequest"/>'s shape and limits; errors are keyed by JSON field path.
/// </summary>
internal static class OrderValidation
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 1000;
    public const string Required = "The field is required.";

    public static Dictionary<string, string[]> Validate(
        CreateOrderRequest request,
        string? idempotencyKey,
        IPaymentGateway gateway)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (idempotencyKey is not null && !Identifiers.IsValidIdempotencyKey(idempotencyKey))
        {
            errors["Idempotency-Key"] = ["The Idempotency-Key header must be 1-255 printable ASCII characters."];
        }

        if (request.CustomerId is null)
        {
            errors["customerId"] = [Required];
        }
        else if (!Identifiers.IsValidCustomerId(request.CustomerId))
        {
            errors["customerId"] = ["The customer id must be 1-128 characters, without control characters or " +
                "surrounding spaces."];
        }

        ValidateItems(request.Items, errors);

        if (request.Payment is null)
        {
            errors["payment"] = [Required];
        }
        else if (request.Payment.Token is null)
        {
            errors["payment.token"] = [Required];
        }
        else if (!gateway.AcceptsToken(request.Payment.Token))
        {
            errors["payment.token"] = ["The payment token is not valid."];
        }

        return errors;
    }

    private static void ValidateItems(IReadOnlyList<OrderLineRequest?>? items, Dictionary<string, string[]> errors)
    {
        if (items is null)
        {
            errors["items"] = [Required];
            return;
        }

        if (items.Count is 0 or > MaxLines)
        {
            errors["items"] = [$"An order has 1 to {MaxLines} lines, not {items.Count}."];
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"items[{i}]";
            if (items[i] is not { } line)
            {
                errors[path] = [Required];
                continue;
            }

            if (line.Sku is null)
            {
                errors[path + ".sku"] = [Required];
            }
            else if (!Identifiers.IsValidSku(line.Sku))
            {
                errors[path + ".sku"] = ["A SKU is 1-64 letters, digits, '.', '_' or '-', starting with a letter or " +
                    "digit."];
            }
            else if (!seen.Add(line.Sku))
            {
                errors[path + ".sku"] = ["The SKU appears on more than one line; put its whole quantity on one line."];
            }

            if (line.Quantity is null)
            {
                errors[path + ".quantity"] = [Required];
            }
            else if (line.Quantity is < 1 or > MaxQuantity)
            {
                errors[path + ".quantity"] = [$"The quantity must be between 1 and {MaxQuantity}."];
            }
        }
    }
}
