using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.BadInput;

/// <summary>The rows of <c>POST /api/orders</c>; each sends the target's <c>Idempotency-Key</c>.</summary>
public static partial class BadInputCases
{
    private const string Visa = """{"token":"tok_visa"}""";

    private static Dictionary<string, Func<BadInputTarget, MalformedRequest>> OrderCases() => new()
    {
        // The body is not JSON, or not one object.
        ["an order: JSON cut off in the payment"] = t => Order(t, "payment", Json(OrderJson(t)[..^2])),
        ["an order: not JSON at all"] = t => Order(t, "$", Json("customerId=c-1&sku=SKU-1")),
        ["an order: an empty body"] = t => Order(t, "$", Json("")),
        ["an order: JSON null"] = t => Order(t, "$", Json("null")),
        ["an order: a JSON array"] = t => Order(t, "$", Json("[]")),
        ["an order: a JSON string"] = t => Order(t, "$", Json("\"order\"")),
        ["an order: a second object after the first"] = t => Order(t, "$", Json(OrderJson(t) + "{}")),
        // Wrong types: nothing is converted.
        ["an order: a quantity that is a word"] = t => Order(t, "items[0].quantity", Json(OrderJson(t, "\"two\""))),
        ["an order: a quantity that is a number in a string"] = t =>
            Order(t, "items[0].quantity", Json(OrderJson(t, "\"1\""))),
        ["an order: a fractional quantity"] = t => Order(t, "items[0].quantity", Json(OrderJson(t, "1.5"))),
        ["an order: a quantity beyond any integer"] = t =>
            Order(t, "items[0].quantity", Json(OrderJson(t, "99999999999999999999"))),
        ["an order: a quantity that is true"] = t => Order(t, "items[0].quantity", Json(OrderJson(t, "true"))),
        ["an order: a customerId that is a number"] = t =>
            Order(t, "customerId", Json(OrderJson(t).Replace($"\"{t.Customer}\"", "42", StringComparison.Ordinal))),
        ["an order: items that are an object"] = t =>
            Order(t, "items", Json(OrderJson(t).Replace("[{", "{", StringComparison.Ordinal)
                .Replace("}]", "}", StringComparison.Ordinal))),
        ["an order: a payment that is a string"] = t =>
            Order(t, "payment", Json(OrderJson(t, payment: "\"tok_visa\""))),
        // Names exactly as documented: no duplicates, no unknown or differently cased properties.
        ["an order: customerId twice"] = t =>
            Order(t, "customerId", Json($$"""{"customerId":"other",{{OrderJson(t)[1..]}}""")),
        ["an order: a line's quantity twice"] = t =>
            Order(t, "items[0].quantity", Json(OrderJson(t, line: ",\"quantity\":2"))),
        ["an order: an unknown property"] = t => Order(t, "coupon", Json(OrderJson(t, extra: ",\"coupon\":\"X\""))),
        ["an order: an unknown property on a line"] = t =>
            Order(t, "items[0].colour", Json(OrderJson(t, line: ",\"colour\":\"red\""))),
        ["an order: an unknown property of the payment"] = t =>
            Order(t, "payment.cvc", Json(OrderJson(t, payment: """{"token":"tok_visa","cvc":"123"}"""))),
        ["an order: PascalCase CustomerId"] = t =>
            Order(t, "CustomerId", Json(OrderJson(t).Replace("customerId", "CustomerId", StringComparison.Ordinal))),
        // Missing or invalid values.
        ["an order: no customerId"] = t =>
            Order(t, "customerId", Json($$"""{"items":[{"sku":"{{t.Sku}}","quantity":1}],"payment":{{Visa}}}""")),
        ["an order: a customerId with surrounding spaces"] = t =>
            Order(t, "customerId", Json(OrderJson(t with { Customer = $" {t.Customer} " }))),
        ["an order: a customerId of 129 characters"] = t =>
            Order(t, "customerId", Json(OrderJson(t with { Customer = new string('c', 129) }))),
        ["an order: a customerId with a control character"] = t =>
            Order(t, "customerId", Json(OrderJson(t with { Customer = t.Customer + "\\u0001" }))),
        ["an order: no items"] = t =>
            Order(t, "items", Json($$"""{"customerId":"{{t.Customer}}","payment":{{Visa}}}""")),
        ["an order: no lines"] = t =>
            Order(t, "items", Json($$"""{"customerId":"{{t.Customer}}","items":[],"payment":{{Visa}}}""")),
        ["an order: a null line"] = t =>
            Order(t, "items[0]", Json($$"""{"customerId":"{{t.Customer}}","items":[null],"payment":{{Visa}}}""")),
        ["an order: 101 lines"] = t =>
            Order(t, "items", Json(OrderRequests.Body(
                t.Customer,
                Enumerable.Range(0, 101).Select(i => new OrderLine($"{t.Sku}-{i}", 1)),
                Tokens.Visa))),
        ["an order: no payment"] = t =>
            Order(t, "payment", Json(OrderJson(t).Replace(",\"payment\":" + Visa, "", StringComparison.Ordinal))),
        ["an order: no payment token"] = t => Order(t, "payment.token", Json(OrderJson(t, payment: "{}"))),
        ["an order: an unknown payment token"] = t =>
            Order(t, "payment.token", Json(OrderJson(t, payment: """{"token":"tok_unknown"}"""))),
        ["an order: no quantity"] = t =>
            Order(t, "items[0].quantity", Json(OrderJson(t).Replace(",\"quantity\":1", "", StringComparison.Ordinal))),
        ["an order: quantity 0"] = t => Order(t, "items[0].quantity", Json(OrderJson(t, "0"))),
        ["an order: quantity -1"] = t => Order(t, "items[0].quantity", Json(OrderJson(t, "-1"))),
        ["an order: quantity 1001"] = t => Order(t, "items[0].quantity", Json(OrderJson(t, "1001"))),
        ["an order: an unknown SKU"] = t =>
            Order(t, "items[0].sku", Json(OrderJson(t with { Sku = t.Sku + "-unknown" }))),
        ["an order: a malformed SKU"] = t => Order(t, "items[0].sku", Json(OrderJson(t with { Sku = "no/such sku" }))),
        ["an order: the same SKU on two lines"] = t =>
            Order(
                t,
                "items[1].sku",
                Json(OrderRequests.Body(t.Customer, [new(t.Sku, 1), new(t.Sku, 2)], Tokens.Visa))),
        ["an order: an Idempotency-Key of 256 characters"] = t =>
            Order(t, "Idempotency-Key", Json(OrderJson(t))) with { IdempotencyKey = new string('k', 256) },
        ["an order: an Idempotency-Key with a tab"] = t =>
            Order(t, "Idempotency-Key", Json(OrderJson(t))) with { IdempotencyKey = "key\twith-tab" },
        // Not UTF-8 JSON, or too large.
        ["an order: a text/plain body"] = t =>
            Order(t, HttpStatusCode.UnsupportedMediaType, Bytes(OrderJson(t), "text/plain")),
        ["an order: no Content-Type"] = t =>
            Order(t, HttpStatusCode.UnsupportedMediaType, Bytes(OrderJson(t), null)),
        ["an order: UTF-8 sent as charset=utf-16"] = t =>
            Order(t, HttpStatusCode.UnsupportedMediaType, Bytes(OrderJson(t), "application/json", "utf-16")),
        ["an order: charset=iso-8859-1"] = t =>
            Order(t, HttpStatusCode.UnsupportedMediaType, Bytes(OrderJson(t), "application/json", "iso-8859-1")),
        ["an order: a body over 64 KiB"] = t =>
            Order(t, HttpStatusCode.RequestEntityTooLarge, Json(Oversize(OrderJson(t)[1..^1]))),
        ["an order: a chunked body over 64 KiB"] = t =>
            Order(t, HttpStatusCode.RequestEntityTooLarge, new ChunkedJsonContent(Oversize(OrderJson(t)[1..^1]))),
    };

    private static MalformedRequest Order(BadInputTarget target, string field, HttpContent body) =>
        new(HttpStatusCode.BadRequest, field, HttpMethod.Post, "api/orders", body, target.Key);

    private static MalformedRequest Order(BadInputTarget target, HttpStatusCode status, HttpContent body) =>
        new(status, null, HttpMethod.Post, "api/orders", body, target.Key);

    /// <summary>
    /// A valid order of one unit of the target's SKU for its customer, but for what the arguments put in: the quantity
    /// as JSON, more properties of the line, the payment as JSON, more properties of the order.
    /// </summary>
    private static string OrderJson(
        BadInputTarget t,
        string quantity = "1",
        string line = "",
        string payment = Visa,
        string extra = "") =>
        $"{{\"customerId\":\"{t.Customer}\",\"items\":[{{\"sku\":\"{t.Sku}\",\"quantity\":{quantity}{line}}}]," +
            $"\"payment\":{payment}{extra}}}";
}
