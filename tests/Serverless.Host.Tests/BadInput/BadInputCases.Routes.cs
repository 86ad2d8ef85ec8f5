using System.Net;
using Serverless.Host.Tests.Support;

namespace Serverless.Host.Tests.BadInput;

/// <summary>The rows of the <c>/api</c> routes other than placing an order: stock, reads, decisions, cancels.</summary>
public static partial class BadInputCases
{
    private const string Stock = """{"quantity":5,"unitPrice":2.50}""";

    private static Dictionary<string, Func<BadInputTarget, MalformedRequest>> RouteCases() => new()
    {
        // PUT /api/inventory/{sku}: the stock must stay as it was.
        ["stock: a negative quantity"] = t => Put(t, "quantity", """{"quantity":-1,"unitPrice":2.50}"""),
        ["stock: a quantity over 1000000"] = t => Put(t, "quantity", """{"quantity":1000001,"unitPrice":2.50}"""),
        ["stock: a fractional quantity"] = t => Put(t, "quantity", """{"quantity":1.5,"unitPrice":2.50}"""),
        ["stock: a quantity that is a number in a string"] = t =>
            Put(t, "quantity", """{"quantity":"5","unitPrice":2.50}"""),
        ["stock: no price"] = t => Put(t, "unitPrice", """{"quantity":5}"""),
        ["stock: a zero price"] = t => Put(t, "unitPrice", """{"quantity":5,"unitPrice":0}"""),
        ["stock: a price with three decimals"] = t => Put(t, "unitPrice", """{"quantity":5,"unitPrice":2.505}"""),
        ["stock: a price that is a number in a string"] = t =>
            Put(t, "unitPrice", """{"quantity":5,"unitPrice":"2.50"}"""),
        ["stock: the quantity twice"] = t => Put(t, "quantity", """{"quantity":5,"quantity":6,"unitPrice":2.50}"""),
        ["stock: an unknown property"] = t => Put(t, "price", """{"quantity":5,"unitPrice":2.50,"price":3}"""),
        ["stock: PascalCase Quantity"] = t => Put(t, "Quantity", """{"Quantity":5,"unitPrice":2.50}"""),
        ["stock: JSON cut off after a property"] = t => Put(t, "$", """{"quantity":5,"""),
        ["stock: an empty body"] = t => Put(t, "$", ""),
        ["stock: a malformed SKU"] = _ => Refused("sku", HttpMethod.Put, "api/inventory/-bad", Json(Stock)),
        ["stock: a SKU of 65 characters"] = _ =>
            Refused("sku", HttpMethod.Put, $"api/inventory/{new string('s', 65)}", Json(Stock)),
        ["stock: a text/plain body"] = t =>
            Answered(HttpStatusCode.UnsupportedMediaType, HttpMethod.Put, StockPath(t), Bytes(Stock, "text/plain")),
        ["stock: charset=utf-16"] = t => Answered(
            HttpStatusCode.UnsupportedMediaType,
            HttpMethod.Put,
            StockPath(t),
            Bytes(Stock, "application/json", "utf-16")),
        ["stock: a body over 64 KiB"] = t => Answered(
            HttpStatusCode.RequestEntityTooLarge,
            HttpMethod.Put,
            StockPath(t),
            Json(Oversize("\"quantity\":5,\"unitPrice\":2.50"))),
        // Reads of malformed or unknown ids, and malformed listings.
        ["read: an unknown order"] = _ => Answered(HttpStatusCode.NotFound, HttpMethod.Get, "api/orders/ord-unknown-1"),
        ["read: a malformed order id"] = _ => Refused("orderId", HttpMethod.Get, "api/orders/-not-an-id"),
        ["read: an unknown SKU"] = t => Answered(HttpStatusCode.NotFound, HttpMethod.Get, StockPath(t) + "-unknown"),
        ["read: a malformed SKU"] = _ => Refused("sku", HttpMethod.Get, "api/inventory/bad~sku"),
        ["read: the payment of an unknown order"] = _ =>
            Answered(HttpStatusCode.NotFound, HttpMethod.Get, "api/payments/ord-unknown-2"),
        ["read: the payment of a malformed order id"] = _ => Refused("orderId", HttpMethod.Get, "api/payments/.dot"),
        ["read: the shipment of an unknown order"] = _ =>
            Answered(HttpStatusCode.NotFound, HttpMethod.Get, "api/shipments/ord-unknown-3"),
        ["read: the shipment of a malformed order id"] = _ => Refused("orderId", HttpMethod.Get, "api/shipments/-x"),
        ["list: an unknown status"] = _ => Refused("status", HttpMethod.Get, "api/orders?status=Shipped"),
        ["list: top=0"] = _ => Refused("top", HttpMethod.Get, "api/orders?top=0"),
        ["list: top=-1"] = _ => Refused("top", HttpMethod.Get, "api/orders?top=-1"),
        ["list: top=1001"] = _ => Refused("top", HttpMethod.Get, "api/orders?top=1001"),
        ["list: top=abc"] = _ => Refused("top", HttpMethod.Get, "api/orders?top=abc"),
        ["list: a forged continuation token"] = _ =>
            Refused("continuationToken", HttpMethod.Get, "api/orders?continuationToken=forged"),
        // Decisions and cancels: the order awaiting approval must still be awaiting it.
        ["approve: a malformed order id"] = _ => Refused("orderId", HttpMethod.Post, "api/orders/-not-an-id/approve"),
        ["approve: an unknown order"] = _ =>
            Answered(HttpStatusCode.NotFound, HttpMethod.Post, "api/orders/ord-unknown-4/approve"),
        ["approve: a reason it does not take"] = t => Refused(
            "reason",
            HttpMethod.Post,
            $"api/orders/{t.AwaitingOrderId}/approve",
            Json("""{"reason":"looks fine"}""")),
        ["approve: a body that is not JSON"] = t =>
            Refused("$", HttpMethod.Post, $"api/orders/{t.AwaitingOrderId}/approve", Json("yes")),
        ["reject: an unknown order"] = _ =>
            Answered(HttpStatusCode.NotFound, HttpMethod.Post, "api/orders/ord-unknown-5/reject"),
        ["reject: a misspelt reason"] = t => Reject(t, "reasn", Json("""{"reasn":"typo"}""")),
        ["reject: PascalCase Reason"] = t => Reject(t, "Reason", Json("""{"Reason":"too big"}""")),
        ["reject: the reason twice"] = t => Reject(t, "reason", Json("""{"reason":"a","reason":"b"}""")),
        ["reject: JSON cut off at the reason"] = t => Reject(t, "reason", Json("""{"reason":""")),
        ["reject: a JSON array"] = t => Reject(t, "$", Json("""["too big"]""")),
        ["reject: a text/plain body"] = t => Answered(
            HttpStatusCode.UnsupportedMediaType,
            HttpMethod.Post,
            RejectPath(t),
            Bytes("""{"reason":"too big"}""", "text/plain")),
        ["reject: charset=utf-16"] = t => Answered(
            HttpStatusCode.UnsupportedMediaType,
            HttpMethod.Post,
            RejectPath(t),
            Bytes("""{"reason":"too big"}""", "application/json", "utf-16")),
        ["reject: a body over 64 KiB"] = t => Answered(
            HttpStatusCode.RequestEntityTooLarge,
            HttpMethod.Post,
            RejectPath(t),
            Json(Oversize("\"reason\":\"too big\""))),
        ["reject: a chunked body over 64 KiB"] = t => Answered(
            HttpStatusCode.RequestEntityTooLarge,
            HttpMethod.Post,
            RejectPath(t),
            new ChunkedJsonContent(Oversize("\"reason\":\"too big\""))),
        ["cancel: a malformed order id"] = _ => Refused("orderId", HttpMethod.Post, "api/orders/-not-an-id/cancel"),
        ["cancel: an unknown order"] = _ =>
            Answered(HttpStatusCode.NotFound, HttpMethod.Post, "api/orders/ord-unknown-6/cancel"),
        ["cancel: a reason it does not take"] = t => Refused(
            "reason",
            HttpMethod.Post,
            $"api/orders/{t.AwaitingOrderId}/cancel",
            Json("""{"reason":"changed my mind"}""")),
        // Routing: a route that does not exist, a method a route does not take.
        ["routing: an unknown route"] = _ => Answered(HttpStatusCode.NotFound, HttpMethod.Get, "api/refunds"),
        ["routing: DELETE an order"] = t =>
            Answered(HttpStatusCode.MethodNotAllowed, HttpMethod.Delete, $"api/orders/{t.AwaitingOrderId}"),
    };

    private static string StockPath(BadInputTarget target) => $"api/inventory/{target.Sku}";

    private static string RejectPath(BadInputTarget target) => $"api/orders/{target.AwaitingOrderId}/reject";

    private static MalformedRequest Put(BadInputTarget target, string field, string json) =>
        Refused(field, HttpMethod.Put, StockPath(target), Json(json));

    private static MalformedRequest Reject(BadInputTarget target, string field, HttpContent body) =>
        Refused(field, HttpMethod.Post, RejectPath(target), body);
}
