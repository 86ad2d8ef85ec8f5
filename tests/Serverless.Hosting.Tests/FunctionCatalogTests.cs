using Serverless.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Hosting.Catalog;
using Serverless.Hosting.Http;
using Serverless.Hosting.Queues;

namespace Serverless.Hosting.Tests;

public sealed class FunctionCatalogTests
{
    private static void MapEndpoints(WebApplication app)
    {
        var orders = app.MapFunctionsApi().MapGroup("/orders");
        orders.MapPost("/", () => "created").AsFunction("CreateOrder");
        orders.MapGet("/{id}", (string id) => id).AsFunction("GetOrder");
        orders.MapPost("/{id}/approve", (string id) => id).AsFunction("ApproveOrder", AuthorizationLevel.Admin);
    }

    private static void AddQueueFunctions(WebApplicationBuilder builder) =>
        builder.Services.AddQueueFunction("ProcessPayment", "payments", static (_, _, _) => Task.CompletedTask);

    [Fact]
    public async Task The_catalog_lists_every_http_function_with_methods_route_and_level_and_every_queue_function()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints, configure: AddQueueFunctions);

        var catalog = app.App.Services.GetRequiredService<FunctionCatalog>();

        Assert.Equal(
            [
                new("ApproveOrder", ["POST"], "/api/orders/{id}/approve", AuthorizationLevel.Admin),
                new("CreateOrder", ["POST"], "/api/orders", AuthorizationLevel.Function),
                new("GetOrder", ["GET", "HEAD"], "/api/orders/{id}", AuthorizationLevel.Function),
                new("Health", ["GET", "HEAD"], "/api/health", AuthorizationLevel.Anonymous),
            ],
            catalog.HttpFunctions.Select(f => f with { Methods = [.. f.Methods] }).ToArray(),
            new DescriptorComparer());
        Assert.Equal("orders/{id}/approve", catalog.HttpFunctions[0].RelativeRoute);
        var queue = Assert.Single(catalog.QueueFunctions);
        Assert.Equal(("ProcessPayment", "payments"), (queue.Name, queue.QueueName));
    }

    [Theory]
    [InlineData("shop", "/shop/orders/{id}")]
    [InlineData("", "/orders/{id}")]
    public void A_relative_route_drops_the_configured_route_prefix(string routePrefix, string route)
    {
        var descriptor = new HttpFunctionDescriptor(
            "GetOrder",
            ["GET"],
            route,
            AuthorizationLevel.Function) { RoutePrefix = routePrefix };

        Assert.Equal("orders/{id}", descriptor.RelativeRoute);
    }

    [Fact]
    public async Task Start_up_lists_the_functions_the_way_core_tools_does()
    {
        var logs = new ListLoggerProvider();
        await using var app = await TestApp.StartAsync(MapEndpoints, configure: b =>
        {
            AddQueueFunctions(b);
            b.Logging.AddProvider(logs);
        });

        var baseUrl = app.Client.BaseAddress!.ToString().TrimEnd('/');
        await Eventually.TrueAsync(
            () => logs.Messages.Contains("ProcessPayment: queueTrigger (payments)"),
            "the queue function is listed");
        Assert.Contains($"CreateOrder: [POST] {baseUrl}/api/orders", logs.Messages);
        Assert.Contains($"GetOrder: [GET,HEAD] {baseUrl}/api/orders/{{id}}", logs.Messages);
        Assert.Contains(logs.Messages, m => m.StartsWith("Function keys are off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_functions_with_one_name_fail_the_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(
            app => app.MapFunctionsApi().MapGet("/other", () => "x").AsFunction("ProcessPayment"),
            configure: AddQueueFunctions));

        Assert.Contains("ProcessPayment", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1Leading")]
    [InlineData("has space")]
    [InlineData("")]
    public void An_invalid_function_name_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new QueueFunction(
            name,
            "payments",
            static (_, _, _) => Task.CompletedTask));
    }

    [Fact]
    public void An_invalid_queue_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new QueueFunction(
            "ProcessPayment",
            "Payments_Queue",
            static (_, _, _) => Task.CompletedTask));
    }

    private sealed class DescriptorComparer : IEqualityComparer<HttpFunctionDescriptor>
    {
        public bool Equals(HttpFunctionDescriptor? x, HttpFunctionDescriptor? y) =>
            x is not null
                && y is not null
                && x.Name == y.Name
                && x.Route == y.Route
                && x.AuthLevel == y.AuthLevel
                && x.Methods.SequenceEqual(y.Methods);

        public int GetHashCode(HttpFunctionDescriptor obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
