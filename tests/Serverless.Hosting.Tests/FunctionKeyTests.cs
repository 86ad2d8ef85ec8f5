using Serverless.Http;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Serverless.Hosting.Http;

namespace Serverless.Hosting.Tests;

public sealed class FunctionKeyTests
{
    private const string FunctionKey = "function-key-123";
    private const string AdminKey = "admin-key-456";

    internal static void MapEndpoints(WebApplication app)
    {
        var api = app.MapFunctionsApi();
        api.MapGet("/orders", () => "orders").AsFunction("ListOrders");
        api.MapPut("/inventory/{sku}", (string sku) => sku).AsFunction("SetStock", AuthorizationLevel.Admin);
        api.MapGet("/public", () => "public").AsFunction("Public", AuthorizationLevel.Anonymous);
        api.MapGet("/unmarked", () => "unmarked");
        app.MapGet("/runtime/webhooks/durabletask/instances", () => "instances");
    }

    [Theory]
    [InlineData("GET", "/api/orders")]
    [InlineData("PUT", "/api/inventory/SKU-1")]
    [InlineData("GET", "/runtime/webhooks/durabletask/instances")]
    public async Task Keys_are_off_by_default_so_every_level_answers_without_a_key(string method, string path)
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/orders", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/orders", "header:" + FunctionKey, HttpStatusCode.OK)]
    [InlineData("GET", "/api/orders", "query:" + FunctionKey, HttpStatusCode.OK)]
    [InlineData("GET", "/api/orders", "header:" + AdminKey, HttpStatusCode.OK)]
    [InlineData("GET", "/api/orders", "header:wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/orders", "query:function-key-12", HttpStatusCode.Unauthorized)]
    [InlineData("PUT", "/api/inventory/SKU-1", null, HttpStatusCode.Unauthorized)]
    [InlineData("PUT", "/api/inventory/SKU-1", "header:" + FunctionKey, HttpStatusCode.Unauthorized)]
    [InlineData("PUT", "/api/inventory/SKU-1", "query:" + AdminKey, HttpStatusCode.OK)]
    [InlineData("GET", "/runtime/webhooks/durabletask/instances", "header:" + FunctionKey, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/runtime/webhooks/durabletask/instances", "header:" + AdminKey, HttpStatusCode.OK)]
    [InlineData("GET", "/api/unmarked", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/unmarked", "header:" + FunctionKey, HttpStatusCode.OK)]
    [InlineData("GET", "/api/public", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/health", null, HttpStatusCode.OK)]
    public async Task Configured_keys_guard_each_endpoint_by_its_level(
        string method,
        string path,
        string? key,
        HttpStatusCode expected)
    {
        await using var app = await TestApp.StartAsync(
            MapEndpoints,
            [$"--Serverless:FunctionKey={FunctionKey}", $"--Serverless:AdminKey={AdminKey}"]);

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key?.Split(':', 2) is ["header", var headerKey])
        {
            request.Headers.Add("x-functions-key", headerKey);
        }
        else if (key?.Split(':', 2) is ["query", var queryKey])
        {
            request.RequestUri = new Uri(path + "?code=" + Uri.EscapeDataString(queryKey), UriKind.Relative);
        }

        using var response = await app.Client.SendAsync(request);

        if (expected == HttpStatusCode.Unauthorized)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        }
        else
        {
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_admin_key_from_local_settings_values_turns_keys_on()
    {
        await using var app = await TestApp.StartAsync(
            MapEndpoints,
            localSettingsJson: $$$"""{"IsEncrypted":false,"Values":{"Serverless__AdminKey":"{{{AdminKey}}}"}}""");

        using var refused = await app.Client.GetAsync(new Uri("/api/orders", UriKind.Relative));
        using var accepted = await app.Client.GetAsync(new Uri("/api/orders?code=" + AdminKey, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task An_endpoint_allowing_anonymous_needs_no_key()
    {
        await using var app = await TestApp.StartAsync(
            a => a.MapFunctionsApi().MapGet("/open", () => "open").AllowAnonymous(),
            [$"--Serverless:FunctionKey={FunctionKey}"]);

        using var response = await app.Client.GetAsync(new Uri("/api/open", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_method_answers_405_problem_even_with_keys_on()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints, [$"--Serverless:FunctionKey={FunctionKey}"]);

        using var response = await app.Client.DeleteAsync(new Uri("/api/orders", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }
}
