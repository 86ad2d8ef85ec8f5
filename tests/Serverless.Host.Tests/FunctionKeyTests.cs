using System.Net;
using Serverless.Host.Tests.Support;

namespace Serverless.Host.Tests;

/// <summary>
/// A host with a function key and an admin key configured: keys are checked as Azure Functions checks them.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class FunctionKeyTests(FunctionKeyTests.KeyedHostFixture fixture)
    : IClassFixture<FunctionKeyTests.KeyedHostFixture>
{
    private const string FunctionKey = "function-key-for-tests";
    private const string AdminKey = "admin-key-for-tests";

    private readonly HostProcess _host = fixture.Host;
    private readonly HttpClient _http = fixture.Client.Http;

    [Fact]
    public async Task A_function_without_a_key_is_401()
    {
        using var response = await _http.GetAsync("api/orders");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, _host);
    }

    [Fact]
    public async Task A_function_with_a_wrong_key_is_401()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/orders", FunctionKey + "x");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, _host);
    }

    [Fact]
    public async Task A_function_with_the_function_key_in_the_x_functions_key_header_is_200()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/orders", FunctionKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_function_with_the_function_key_in_the_code_query_is_200()
    {
        using var response = await _http.GetAsync($"api/orders?code={FunctionKey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_function_with_the_admin_key_is_200()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/orders", AdminKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_health_check_needs_no_key()
    {
        using var response = await _http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Setting_stock_needs_the_admin_key_and_the_function_key_changes_nothing()
    {
        var sku = TestIds.Sku("keys");
        const string Body = """{"quantity":5,"unitPrice":3.00}""";

        using (var withFunctionKey = await SendAsync(HttpMethod.Put, $"api/inventory/{sku}", FunctionKey, Body))
        {
            await ProblemAssert.IsProblemAsync(withFunctionKey, HttpStatusCode.Unauthorized, _host);
        }

        using (var unknown = await SendAsync(HttpMethod.Get, $"api/inventory/{sku}", FunctionKey))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var withAdminKey = await SendAsync(HttpMethod.Put, $"api/inventory/{sku}", AdminKey, Body))
        {
            Assert.Equal(HttpStatusCode.OK, withAdminKey.StatusCode);
        }

        using var read = await SendAsync(HttpMethod.Get, $"api/inventory/{sku}", FunctionKey);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Deciding_an_approval_needs_the_admin_key_and_the_function_key_decides_nothing()
    {
        var sku = TestIds.Sku("approve");
        using (var stock = await SendAsync(HttpMethod.Put, $"api/inventory/{sku}", AdminKey,
            """{"quantity":5,"unitPrice":600.00}"""))
        {
            Assert.Equal(HttpStatusCode.OK, stock.StatusCode);
        }

        var order = $$"""{"customerId":"c-1","items":[{"sku":"{{sku}}","quantity":2}],""" +
            """ "payment":{"token":"tok_visa"}}""";
        using var placed = await SendAsync(HttpMethod.Post, "api/orders", FunctionKey, order);
        var orderId = System.Text.Json.JsonDocument.Parse(await placed.Content.ReadAsStringAsync())
            .RootElement.GetProperty("orderId").GetString()!;
        await Eventually.TrueAsync(
            async () => await StatusAsync(orderId) == "AwaitingApproval",
            "the order above the approval threshold waits for a decision");

        using (var byCustomer = await SendAsync(HttpMethod.Post, $"api/orders/{orderId}/approve", FunctionKey))
        {
            await ProblemAssert.IsProblemAsync(byCustomer, HttpStatusCode.Unauthorized, _host);
        }

        Assert.Equal("AwaitingApproval", await StatusAsync(orderId));
        using (var byShop = await SendAsync(HttpMethod.Post, $"api/orders/{orderId}/approve", AdminKey))
        {
            Assert.Equal(HttpStatusCode.Accepted, byShop.StatusCode);
        }

        await Eventually.TrueAsync(
            async () => await StatusAsync(orderId) == "Confirmed",
            "the order the shop approved is confirmed");
    }

    [Fact]
    public async Task Management_routes_need_the_admin_key()
    {
        var path = $"{HostClient.ManagementPrefix}?runtimeStatus=Completed";

        using (var withoutKey = await _http.GetAsync(path))
        {
            await ProblemAssert.IsProblemAsync(withoutKey, HttpStatusCode.Unauthorized, _host);
        }

        using (var withFunctionKey = await SendAsync(HttpMethod.Get, path, FunctionKey))
        {
            await ProblemAssert.IsProblemAsync(withFunctionKey, HttpStatusCode.Unauthorized, _host);
        }

        using (var withFunctionCode = await _http.GetAsync($"{path}&code={FunctionKey}"))
        {
            await ProblemAssert.IsProblemAsync(withFunctionCode, HttpStatusCode.Unauthorized, _host);
        }

        using var withAdminKey = await SendAsync(HttpMethod.Get, path, AdminKey);
        Assert.Equal(HttpStatusCode.OK, withAdminKey.StatusCode);
    }

    [Fact]
    public async Task An_order_refused_for_want_of_a_key_is_not_placed()
    {
        var sku = TestIds.Sku("keys");
        var customer = TestIds.Customer("keys");
        using (var stock = await SendAsync(
            HttpMethod.Put,
            $"api/inventory/{sku}",
            AdminKey,
            """{"quantity":5,"unitPrice":3.00}"""))
        {
            Assert.Equal(HttpStatusCode.OK, stock.StatusCode);
        }

        using (var refused = await SendAsync(
            HttpMethod.Post,
            "api/orders",
            null,
            OrderRequests.Body(customer, sku, 1, Tokens.Visa)))
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, _host);
        }

        using var list = await SendAsync(HttpMethod.Get, "api/orders?top=1000", FunctionKey);
        Assert.DoesNotContain(customer, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var level = await SendAsync(HttpMethod.Get, $"api/inventory/{sku}", FunctionKey);
        Assert.Contains(
            "\"available\":5,\"reserved\":0",
            await level.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/health/details")]
    [InlineData("runtime/webhooks/queues/poison")]
    public async Task Detailed_health_and_the_poison_routes_need_the_admin_key(string path)
    {
        using (var withoutKey = await _http.GetAsync(path))
        {
            await ProblemAssert.IsProblemAsync(withoutKey, HttpStatusCode.Unauthorized, _host);
        }

        using (var withFunctionKey = await SendAsync(HttpMethod.Get, path, FunctionKey))
        {
            await ProblemAssert.IsProblemAsync(withFunctionKey, HttpStatusCode.Unauthorized, _host);
        }

        using var withAdminKey = await SendAsync(HttpMethod.Get, path, AdminKey);
        Assert.Equal(HttpStatusCode.OK, withAdminKey.StatusCode);
        using var cheapHealth = await _http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, cheapHealth.StatusCode);
    }

    [Fact]
    public async Task Detailed_health_reports_storage_queues_and_this_worker()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/health/details", AdminKey);
        var health = Json.Deserialize<Support.Contracts.HealthDetailsDto>(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("sqlite", true), (health.Storage.Kind, health.Storage.Reachable));
        Assert.Contains(health.Queues, q => q.Name == "durable-orchestrations");
        Assert.Contains(health.Queues, q => q.Name == "order-events");
        var worker = Assert.Single(health.Workers);
        Assert.Equal((_host.ProcessId, true, true), (worker.ProcessId, worker.Live, worker.Current));
    }

    private async Task<string?> StatusAsync(string orderId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/orders/{orderId}", FunctionKey);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync())
            .RootElement.GetProperty("status").GetString();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    public sealed class KeyedHostFixture : HostFixture
    {
        protected override string Name => "keys";

        protected override string[] Arguments =>
            [$"--Serverless:FunctionKey={FunctionKey}", $"--Serverless:AdminKey={AdminKey}"];
    }
}
