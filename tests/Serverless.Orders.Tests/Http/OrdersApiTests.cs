using Serverless.Http;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Hosting.Catalog;
using Serverless.Hosting.Http;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Http;

[Collection(OrdersAppCollection.Name)]
public sealed class OrdersApiTests(OrdersApp app)
{
    private const string ValidLine = """{"sku":"SKU","quantity":1}""";

    [Fact]
    public async Task Placing_an_order_answers_202_pending_with_its_location_and_it_can_be_read_back()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 12.50m);

        using var response = await PostOrderAsync(OrderJson(sku));
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = accepted.GetProperty("orderId").GetString()!;
        var order = await app.GetJsonAsync($"/api/orders/{orderId}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Pending", accepted.GetProperty("status").GetString());
        Assert.Equal(response.Headers.Location!.ToString(), accepted.GetProperty("statusUri").GetString());
        Assert.EndsWith($"/api/orders/{orderId}", accepted.GetProperty("statusUri").GetString());
        Assert.Equal("c-1", order.GetProperty("customerId").GetString());
        var item = Assert.Single(order.GetProperty("items").EnumerateArray());
        Assert.Equal(
            (sku, 1, 12.50m),
            (
                item.GetProperty("sku").GetString(),
                item.GetProperty("quantity").GetInt32(),
                item.GetProperty("unitPrice").GetDecimal()));
        await app.SettledAsync(orderId);
    }

    [Fact]
    public async Task An_order_id_without_an_idempotency_key_begins_with_the_time_it_was_placed()
    {
        // Time-ordered ids keep the rows of the orders in flight together in the store's indexes (fewer pages per
        // commit).
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 1m);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        using var response = await PostOrderAsync(OrderJson(sku));
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Matches("^ord-[0-9a-f]{32}$", orderId);
        Assert.InRange(Convert.ToInt64(orderId[4..16], 16), before, after);
        await app.SettledAsync(orderId);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_order_and_never_places_a_second()
    {
        var (sku, key, firstId) = await PlaceKeyedOrderAsync();
        using var second = await PostOrderAsync(OrderJson(sku), key);
        var replay = await second.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstId, replay.GetProperty("orderId").GetString());
        Assert.Equal("Confirmed", replay.GetProperty("status").GetString());
        var stock = await app.GetStockAsync(sku);
        Assert.Equal((4L, 1L), (stock.GetProperty("available").GetInt64(), stock.GetProperty("sold").GetInt64()));
        Assert.Single((await app.GetJsonAsync($"/api/payments/{firstId}")).GetProperty("ledger").EnumerateArray());
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_order_is_refused_and_changes_nothing()
    {
        var (sku, key, orderId) = await PlaceKeyedOrderAsync();

        using var reused = await PostOrderAsync(OrderJson(sku, quantity: 3), key);

        await AssertProblemAsync(reused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(4L, (await app.GetStockAsync(sku)).GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task Another_customer_using_the_same_idempotency_key_places_their_own_order_and_learns_nothing()
    {
        var (sku, key, firstId) = await PlaceKeyedOrderAsync();

        using var other = await PostOrderAsync(OrderJson(sku, quantity: 2).Replace("c-1", "c-2"), key);
        var otherBody = await other.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.DoesNotContain(firstId, otherBody, StringComparison.Ordinal);
        var otherId = JsonDocument.Parse(otherBody).RootElement.GetProperty("orderId").GetString()!;
        await app.SettledAsync(otherId);
        Assert.Equal(2L, (await app.GetStockAsync(sku)).GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task A_missing_shipment_says_whether_one_is_still_to_come()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 1m);
        var declined = await app.PlaceAsync("tok_decline", (sku, 1));
        await app.SettledAsync(declined);

        using var cancelled = await app.Http.GetAsync($"/api/shipments/{declined}");
        using var unknown = await app.Http.GetAsync($"/api/shipments/ord-{new string('0', 32)}");

        var cancelledProblem = await ProblemAssert.IsProblemAsync(cancelled, HttpStatusCode.NotFound);
        Assert.Contains("cancelled", cancelledProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unknownProblem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Contains("no order", unknownProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidOrders => new()
    {
        { "{", "$" },
        { Body("""{"sku":"SKU","quantity":"two"}"""), "items[0].quantity" },
        { """{"items":[{"sku":"SKU","quantity":1}],"payment":{"token":"tok_visa"}}""", "customerId" },
        { """{"customerId":"c-1","payment":{"token":"tok_visa"}}""", "items" },
        { """{"customerId":"c-1","items":[],"payment":{"token":"tok_visa"}}""", "items" },
        { """{"customerId":"c-1","items":[{"quantity":1}],"payment":{"token":"tok_visa"}}""", "items[0].sku" },
        { """{"customerId":"c-1","items":[{"sku":"SKU"}],"payment":{"token":"tok_visa"}}""", "items[0].quantity" },
        { Body("""{"sku":"SKU","quantity":0}"""), "items[0].quantity" },
        { Body("""{"sku":"SKU","quantity":-1}"""), "items[0].quantity" },
        { Body("""{"sku":"SKU","quantity":1001}"""), "items[0].quantity" },
        { Body(ValidLine + "," + ValidLine), "items[1].sku" },
        { Body("""{"sku":"bad/sku","quantity":1}"""), "items[0].sku" },
        { Body("""{"sku":"NO-SUCH-SKU","quantity":1}"""), "items[0].sku" },
        { """{"customerId":"c-1","items":[{"sku":"SKU","quantity":1}]}""", "payment" },
        { """{"customerId":"c-1","items":[{"sku":"SKU","quantity":1}],"payment":{}}""", "payment.token" },
        { Body(ValidLine, token: "tok_bogus"), "payment.token" },
        { Body(string.Join(",", Enumerable.Repeat(ValidLine, 101))), "items" },
    };

    [Theory]
    [MemberData(nameof(InvalidOrders))]
    public async Task An_invalid_order_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 1m);
        var before = await CountOrdersAsync();

        using var response = await PostOrderAsync(body.Replace("\"SKU\"", $"\"{sku}\"", StringComparison.Ordinal));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(
            problem.GetProperty("errors").TryGetProperty(field, out _),
            $"errors should name '{field}': {problem}");
        Assert.Equal(before, await CountOrdersAsync());
        Assert.Equal(5L, (await app.GetStockAsync(sku)).GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task An_invalid_idempotency_key_is_a_400_naming_the_header()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 1m);

        using var response = await PostOrderAsync(OrderJson(sku), idempotencyKey: new string('k', 300));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task An_order_body_that_is_not_json_is_a_415_and_one_over_64_KiB_a_413()
    {
        using var text = await app.Http.PostAsync(
            "/api/orders",
            new StringContent("customer=c-1", Encoding.UTF8, "text/plain"));
        using var huge = await PostOrderAsync("{\"customerId\":\"" + new string('x', 70 * 1024) + "\"}");

        await AssertProblemAsync(text, HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
    }

    public static TheoryData<string, string> InvalidStock => new()
    {
        { """{"unitPrice":1.00}""", "quantity" },
        { """{"quantity":-1,"unitPrice":1.00}""", "quantity" },
        { """{"quantity":1000001,"unitPrice":1.00}""", "quantity" },
        { """{"quantity":1.5,"unitPrice":1.00}""", "quantity" },
        { """{"quantity":5}""", "unitPrice" },
        { """{"quantity":5,"unitPrice":0}""", "unitPrice" },
        { """{"quantity":5,"unitPrice":1.001}""", "unitPrice" },
        { """{"quantity":5,"unitPrice":"cheap"}""", "unitPrice" },
    };

    [Theory]
    [MemberData(nameof(InvalidStock))]
    public async Task Invalid_stock_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 2m);

        using var response = await app.Http.PutAsync(
            $"/api/inventory/{sku}",
            new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(
            problem.GetProperty("errors").TryGetProperty(field, out _),
            $"errors should name '{field}': {problem}");
        var stock = await app.GetStockAsync(sku);
        Assert.Equal(
            (5L, 2m),
            (stock.GetProperty("available").GetInt64(), stock.GetProperty("unitPrice").GetDecimal()));
    }

    [Fact]
    public async Task Setting_stock_answers_200_with_the_stock_and_get_reads_it_back()
    {
        var sku = OrdersApp.NewSku();

        using var put = await app.Http.PutAsync(
            $"/api/inventory/{sku}",
            new StringContent("""{"quantity":10,"unitPrice":12.50}""", Encoding.UTF8, "application/json"));
        var got = await app.GetStockAsync(sku);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(
            (sku, 10L, 0L, 12.50m),
            (
                got.GetProperty("sku").GetString(),
                got.GetProperty("available").GetInt64(),
                got.GetProperty("reserved").GetInt64(),
                got.GetProperty("unitPrice").GetDecimal()));
    }

    [Theory]
    [InlineData("/api/inventory/NO-SUCH-SKU", HttpStatusCode.NotFound, null)]
    [InlineData("/api/inventory/-bad", HttpStatusCode.BadRequest, "sku")]
    [InlineData("/api/orders/ord-does-not-exist", HttpStatusCode.NotFound, null)]
    [InlineData("/api/orders/bad%20id", HttpStatusCode.BadRequest, "orderId")]
    [InlineData("/api/payments/ord-does-not-exist", HttpStatusCode.NotFound, null)]
    [InlineData("/api/payments/bad%20id", HttpStatusCode.BadRequest, "orderId")]
    [InlineData("/api/orders?status=Shipped", HttpStatusCode.BadRequest, "status")]
    [InlineData("/api/orders?top=0", HttpStatusCode.BadRequest, "top")]
    [InlineData("/api/orders?top=lots", HttpStatusCode.BadRequest, "top")]
    [InlineData("/api/orders?continuationToken=garbage!", HttpStatusCode.BadRequest, "continuationToken")]
    public async Task Reads_of_unknown_or_malformed_ids_are_problems(string path, HttpStatusCode status, string? field)
    {
        using var response = await app.Http.GetAsync(path);

        var problem = await AssertProblemAsync(response, status);
        if (field is not null)
        {
            Assert.True(
                problem.GetProperty("errors").TryGetProperty(field, out _),
                $"errors should name '{field}': {problem}");
        }
    }

    [Fact]
    public async Task Approving_an_unknown_order_is_404_and_a_malformed_id_400()
    {
        using var unknown = await app.Http.PostAsync("/api/orders/ord-nope/approve", null);
        using var malformed = await app.Http.PostAsync("/api/orders/bad%20id/reject", null);

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        await AssertProblemAsync(malformed, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Orders_are_listed_by_status_one_page_at_a_time()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 10, 1m);
        var placed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var orderId = await app.PlaceAsync("tok_visa", (sku, 1));
            await app.SettledAsync(orderId);
            placed.Add(orderId);
        }

        var listed = new List<string>();
        string? token = null;
        do
        {
            var continuation = token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token);
            var page = await app.GetJsonAsync($"/api/orders?status=confirmed&top=2{continuation}");
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            Assert.All(
                page.GetProperty("items").EnumerateArray(),
                o => Assert.Equal("Confirmed", o.GetProperty("status").GetString()));
            listed.AddRange(page.GetProperty("items").EnumerateArray()
                .Select(o => o.GetProperty("orderId").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Subset(listed.ToHashSet(), placed.ToHashSet());
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    [Fact]
    public void Every_order_route_has_the_key_level_of_its_role_as_the_README_lists_it()
    {
        // Customers place and read orders (function key); the shop stocks and decides approvals (admin key).
        var expected = new Dictionary<string, AuthorizationLevel>
        {
            ["Health"] = AuthorizationLevel.Anonymous,
            ["CreateOrder"] = AuthorizationLevel.Function,
            ["ListOrders"] = AuthorizationLevel.Function,
            ["GetOrder"] = AuthorizationLevel.Function,
            ["CancelOrder"] = AuthorizationLevel.Function,
            ["GetPayment"] = AuthorizationLevel.Function,
            ["GetShipment"] = AuthorizationLevel.Function,
            ["GetStock"] = AuthorizationLevel.Function,
            ["ApproveOrder"] = AuthorizationLevel.Admin,
            ["RejectOrder"] = AuthorizationLevel.Admin,
            ["SetStock"] = AuthorizationLevel.Admin,
        };

        var functions = app.Services.GetRequiredService<FunctionCatalog>().HttpFunctions
            .ToDictionary(f => f.Name, f => f.AuthLevel);

        Assert.Equal(expected.OrderBy(e => e.Key), functions.OrderBy(f => f.Key));
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        Assert.All(
            expected,
            e => Assert.Contains($"| `{e.Key}` | {Level(e.Value)} |", readme, StringComparison.Ordinal));
    }

    private static string Level(AuthorizationLevel level) => level switch
    {
        AuthorizationLevel.Anonymous => "none",
        AuthorizationLevel.Admin => "admin key",
        _ => "function key (or the admin key)",
    };

    private static string OrderJson(string sku, int quantity = 1) =>
        Body($$$"""{"sku":"{{{sku}}}","quantity":{{{quantity}}}}""");

    /// <summary>An order body for customer c-1 with <paramref name="lines"/> as its items.</summary>
    private static string Body(string lines, string token = "tok_visa") =>
        $$$"""{"customerId":"c-1","items":[{{{lines}}}],"payment":{"token":"{{{token}}}"}}""";

    /// <summary>
    /// Stocks a new SKU with 5 at 1.00, places c-1's order of one with a new key, and waits until it settles.
    /// </summary>
    private async Task<(string Sku, string Key, string OrderId)> PlaceKeyedOrderAsync()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 1m);
        var key = Guid.NewGuid().ToString();
        using var first = await PostOrderAsync(OrderJson(sku), key);
        var orderId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        await app.SettledAsync(orderId);
        return (sku, key, orderId);
    }

    private async Task<HttpResponseMessage> PostOrderAsync(string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            "/api/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await app.Http.SendAsync(request);
    }

    private async Task<int> CountOrdersAsync()
    {
        var count = 0;
        string? token = null;
        do
        {
            var continuation = token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token);
            var page = await app.GetJsonAsync($"/api/orders?top=1000{continuation}");
            count += page.GetProperty("items").GetArrayLength();
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        return count;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
