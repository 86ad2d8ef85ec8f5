using System.Net;
using System.Text;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Serverless.Orders.Ordering;

namespace Serverless.Host.Tests;

/// <summary>
/// Every bad input gets a 4xx problem+json answer (a 400 names the offending field) and changes nothing: no order is
/// created, the SKU's stock is as it was, and nothing exists under the order id the request's <c>Idempotency-Key</c>
/// maps to.
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class BadInputTests(SharedHostFixture fixture)
{
    private const decimal Price = 2.50m;
    private readonly HostClient _client = fixture.Client;

    public static TheoryData<string> OrderCases => new(BadOrders.Keys);

    public static TheoryData<string> OtherCases => new(BadRequests.Keys);

    [Theory]
    [MemberData(nameof(OrderCases))]
    public async Task A_bad_order_request_is_refused_with_a_problem_and_changes_nothing(string @case)
    {
        var sku = TestIds.Sku("bad");
        var customer = TestIds.Customer("bad");
        var key = TestIds.IdempotencyKey("bad");
        await _client.SetStockAsync(sku, 10, Price);
        var ordersBefore = (await _client.ListAllOrdersAsync()).Count;
        var (status, field, content) = BadOrders[@case](sku, customer);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = content };
        request.Headers.TryAddWithoutValidation(
            "Idempotency-Key",
            @case == "an Idempotency-Key of 256 characters" ? new string('k', 256) : key);
        using var response = await _client.Http.SendAsync(request);

        await AssertProblemAsync(response, status, field);
        Assert.Equal(ordersBefore, (await _client.ListAllOrdersAsync()).Count);
        Assert.Equal(new StockDto(sku, 10, 0, 0, Price), await _client.GetStockAsync(sku));
        // Nothing exists under the order id the key maps to: no order row, and no saga instance either.
        var keyedOrderId = OrderService.OrderIdFor(customer, key);
        using (var order = await _client.SendAsync(HttpMethod.Get, $"api/orders/{keyedOrderId}"))
        {
            await ProblemAssert.IsProblemAsync(order, HttpStatusCode.NotFound, _client.Host);
        }

        using var instance = await _client.SendAsync(HttpMethod.Get, $"{HostClient.ManagementPrefix}/{keyedOrderId}");
        Assert.Equal(HttpStatusCode.NotFound, instance.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OtherCases))]
    public async Task A_bad_request_to_another_route_is_refused_with_a_problem_and_changes_nothing(string @case)
    {
        var sku = TestIds.Sku("bad");
        await _client.SetStockAsync(sku, 10, Price);
        var ordersBefore = (await _client.ListAllOrdersAsync()).Count;
        var (status, field, method, path, body) = BadRequests[@case](sku);

        using var response = await _client.SendAsync(method, path, body);

        await AssertProblemAsync(response, status, field);
        Assert.Equal(ordersBefore, (await _client.ListAllOrdersAsync()).Count);
        Assert.Equal(new StockDto(sku, 10, 0, 0, Price), await _client.GetStockAsync(sku));
    }

    [Fact]
    public async Task An_order_for_an_unknown_SKU_does_not_create_the_SKU()
    {
        var unknown = TestIds.Sku("never-stocked");

        using var post = await _client.PostOrderAsync(OrderRequests.Body(
            TestIds.Customer("unknown"),
            unknown,
            1,
            Tokens.Visa));
        await ProblemAssert.NamesFieldAsync(post, "items[0].sku", _client.Host);

        using var get = await _client.SendAsync(HttpMethod.Get, $"api/inventory/{unknown}");
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound, _client.Host);
    }

    private async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        if (status == HttpStatusCode.BadRequest)
        {
            if (field is not null)
            {
                await ProblemAssert.NamesFieldAsync(response, field, _client.Host);
            }
            else
            {
                var problem = await ProblemAssert.IsProblemAsync(response, status, _client.Host);
                Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
            }
        }
        else
        {
            await ProblemAssert.IsProblemAsync(response, status, _client.Host);
        }
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static StringContent Order(
        string customer,
        string sku,
        string quantity,
        string payment = """{"token":"tok_visa"}""") =>
        JsonContent($$"""{"customerId":"{{customer}}","items":[""" +
            $$"""{"sku":"{{sku}}","quantity":{{quantity}}}],"payment":{{payment}}}""");

    private static string Oversize(string customer, string sku) =>
        $$"""{"customerId":"{{customer}}","items":[{"sku":"{{sku}}","quantity":1}],"payment":""" +
            $$"""{"token":"tok_visa"},"note":"{{new string('x', 70 * 1024)}}"}""";

    private static readonly Dictionary<string,
    Func<string,
    string,
    (HttpStatusCode Status, string? Field, HttpContent Content)>> BadOrders = new()
    {
        ["malformed JSON"] = (sku, c) =>
            (
                HttpStatusCode.BadRequest,
                null,
                JsonContent($$"""{"customerId":"{{c}}","items":[{"sku":"{{sku}}","quantity":1}""")),
        ["a quantity that is not a number"] = (sku, c) =>
            (HttpStatusCode.BadRequest, "items[0].quantity", Order(c, sku, "\"two\"")),
        ["no customerId"] = (sku, _) =>
            (
                HttpStatusCode.BadRequest,
                "customerId",
                JsonContent($$$"""{"items":[{"sku":"{{{sku}}}","quantity":1}],"payment":{"token":"tok_visa"}}""")),
        ["a customerId with surrounding spaces"] = (sku, c) =>
            (HttpStatusCode.BadRequest, "customerId", Order($" {c} ", sku, "1")),
        ["no items"] = (_, c) =>
            (
                HttpStatusCode.BadRequest,
                "items",
                JsonContent($$$"""{"customerId":"{{{c}}}","payment":{"token":"tok_visa"}}""")),
        ["no lines"] = (_, c) =>
            (
                HttpStatusCode.BadRequest,
                "items",
                JsonContent($$$"""{"customerId":"{{{c}}}","items":[],"payment":{"token":"tok_visa"}}""")),
        ["101 lines"] = (sku, c) =>
            (
                HttpStatusCode.BadRequest,
                "items",
                JsonContent(OrderRequests.Body(
                    c,
                    Enumerable.Range(0, 101).Select(i => new OrderLine($"{sku}-{i}", 1)),
                    Tokens.Visa))),
        ["no payment"] = (sku, c) =>
            (
                HttpStatusCode.BadRequest,
                "payment",
                JsonContent($$"""{"customerId":"{{c}}","items":[{"sku":"{{sku}}","quantity":1}]}""")),
        ["no payment token"] = (sku, c) => (HttpStatusCode.BadRequest, "payment.token", Order(c, sku, "1", "{}")),
        ["an unknown payment token"] = (sku, c) =>
            (HttpStatusCode.BadRequest, "payment.token", Order(c, sku, "1", """{"token":"tok_unknown"}""")),
        ["no quantity"] = (sku, c) =>
            (
                HttpStatusCode.BadRequest,
                "items[0].quantity",
                JsonContent($$$"""{"customerId":"{{{c}}}","items":[{"sku":"{{{sku}}}"}],"payment":""" +
                    """{"token":"tok_visa"}}""")),
        ["quantity 0"] = (sku, c) => (HttpStatusCode.BadRequest, "items[0].quantity", Order(c, sku, "0")),
        ["quantity -1"] = (sku, c) => (HttpStatusCode.BadRequest, "items[0].quantity", Order(c, sku, "-1")),
        ["quantity 1001"] = (sku, c) => (HttpStatusCode.BadRequest, "items[0].quantity", Order(c, sku, "1001")),
        ["an unknown SKU"] = (sku, c) => (HttpStatusCode.BadRequest, "items[0].sku", Order(c, sku + "-unknown", "1")),
        ["a malformed SKU"] = (_, c) => (HttpStatusCode.BadRequest, "items[0].sku", Order(c, "no/such sku", "1")),
        ["the same SKU on two lines"] = (sku, c) =>
            (
                HttpStatusCode.BadRequest,
                "items[1].sku",
                JsonContent(OrderRequests.Body(c, [new(sku, 1), new(sku, 2)], Tokens.Visa))),
        ["an empty body"] = (_, _) => (HttpStatusCode.BadRequest, "$", JsonContent("")),
        ["a JSON array"] = (_, _) => (HttpStatusCode.BadRequest, "$", JsonContent("[]")),
        ["an Idempotency-Key of 256 characters"] = (sku, c) =>
            (HttpStatusCode.BadRequest, "Idempotency-Key", Order(c, sku, "1")),
        ["a body over 64 KiB"] = (sku, c) =>
            (HttpStatusCode.RequestEntityTooLarge, null, JsonContent(Oversize(c, sku))),
        ["a chunked body over 64 KiB"] = (sku, c) =>
            (HttpStatusCode.RequestEntityTooLarge, null, new ChunkedJsonContent(Oversize(c, sku))),
        ["a text/plain body"] = (sku, c) =>
            (
                HttpStatusCode.UnsupportedMediaType,
                null,
                new StringContent(OrderRequests.Body(c, sku, 1, Tokens.Visa), Encoding.UTF8, "text/plain")),
    };

    private static readonly Dictionary<string,
    Func<string,
    (HttpStatusCode Status, string? Field, HttpMethod Method, string Path, string? Body)>> BadRequests = new()
    {
        ["GET an unknown order"] = _ =>
            (HttpStatusCode.NotFound, null, HttpMethod.Get, $"api/orders/ord-{Guid.NewGuid():N}", null),
        ["GET a malformed order id"] = _ =>
            (HttpStatusCode.BadRequest, "orderId", HttpMethod.Get, "api/orders/-not-an-id", null),
        ["GET an unknown SKU"] = sku =>
            (HttpStatusCode.NotFound, null, HttpMethod.Get, $"api/inventory/{sku}-unknown", null),
        ["GET the payment of an unknown order"] = _ =>
            (HttpStatusCode.NotFound, null, HttpMethod.Get, $"api/payments/ord-{Guid.NewGuid():N}", null),
        ["GET orders with an unknown status"] = _ =>
            (HttpStatusCode.BadRequest, "status", HttpMethod.Get, "api/orders?status=Shipped", null),
        ["GET orders with top 0"] = _ => (HttpStatusCode.BadRequest, "top", HttpMethod.Get, "api/orders?top=0", null),
        ["GET orders with a forged continuation token"] = _ =>
            (
                HttpStatusCode.BadRequest,
                "continuationToken",
                HttpMethod.Get,
                "api/orders?continuationToken=forged",
                null),
        ["PUT a negative stock"] = sku =>
            (
                HttpStatusCode.BadRequest,
                "quantity",
                HttpMethod.Put,
                $"api/inventory/{sku}",
                """{"quantity":-1,"unitPrice":2.50}"""),
        ["PUT a stock without a price"] = sku =>
            (HttpStatusCode.BadRequest, "unitPrice", HttpMethod.Put, $"api/inventory/{sku}", """{"quantity":5}"""),
        ["PUT a zero price"] = sku =>
            (
                HttpStatusCode.BadRequest,
                "unitPrice",
                HttpMethod.Put,
                $"api/inventory/{sku}",
                """{"quantity":5,"unitPrice":0}"""),
        ["PUT a price with three decimals"] = sku =>
            (
                HttpStatusCode.BadRequest,
                "unitPrice",
                HttpMethod.Put,
                $"api/inventory/{sku}",
                """{"quantity":5,"unitPrice":2.505}"""),
        ["PUT malformed JSON"] = sku =>
            (HttpStatusCode.BadRequest, null, HttpMethod.Put, $"api/inventory/{sku}", """{"quantity":5,"""),
        ["POST approve to a malformed order id"] = _ =>
            (HttpStatusCode.BadRequest, "orderId", HttpMethod.Post, "api/orders/-not-an-id/approve", null),
    };
}
