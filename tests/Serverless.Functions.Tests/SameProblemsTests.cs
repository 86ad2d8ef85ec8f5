using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Http;
using Serverless.Functions.Tests.Support;
using Serverless.Host;
using Serverless.Testing.Azurite;

namespace Serverless.Functions.Tests;

/// <summary>
/// Bad input gets the same problem+json from the Function App's functions as from the local host over HTTP: the same
/// status, content type and body (but the per-request trace id).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class SameProblemsTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private readonly FunctionApp _app = new(azurite);
    private readonly TempDirectory _data = new();
    private WebApplication? _local;
    private HttpClient? _http;

    public static TheoryData<string> Cases =>
        [
            "order-no-body",
            "order-malformed",
            "order-bad-fields",
            "order-unknown",
            "order-bad-id",
            "reject-bad-reason",
            "reject-unknown",
            "stock-bad-sku",
            "stock-bad-body",
            "stock-unknown",
            "list-bad-top",
            "payment-unknown",
            "shipment-bad-id"];

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _local = HostApplication.Create(["--port", "0", "--data-dir", _data.Path], _data.Path);
        await _local.StartAsync();
        var address = _local.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.StopAsync();
            await _local.DisposeAsync();
        }

        await _app.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        _http?.Dispose();
        _data.Dispose();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_the_same_problem_from_the_function_as_from_the_local_host(string @case)
    {
        var (method, path, body, call) = Case(@case);

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _http!.SendAsync(request);
        var localBody = await response.Content.ReadAsStringAsync();
        var context = _app.Request(method, path, body);
        var azure = await Answer.OfAsync(context, await call(context));
        var local = new Answer(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            null,
            JsonDocument.Parse(localBody).RootElement.Clone());

        Assert.InRange(local.Status, 400, 499);
        Assert.Equal(local.Status, azure.Status);
        Assert.Equal(local.ContentType, azure.ContentType);
        Assert.Equal(local.Comparable(), azure.Comparable());
    }

    private (string Method, string Path, string? Body, Func<HttpContext, Task<IResult>> Call) Case(string name)
    {
        var orders = _app.Create<OrderHttpFunctions>();
        var inventory = _app.Create<InventoryFunctions>();
        return name switch
        {
            "order-no-body" =>
                ("POST", "/api/orders", "", c => orders.CreateOrderAsync(c.Request, _app.Client, default)),
            "order-malformed" =>
                (
                    "POST",
                    "/api/orders",
                    """{"customerId":"c-1","items":[{"sku":"A","quantity":"two"}]}""",
                    c => orders.CreateOrderAsync(c.Request, _app.Client, default)),
            "order-bad-fields" =>
                (
                    "POST",
                    "/api/orders",
                    """{"customerId":" ","items":[{"sku":"A","quantity":0}],"payment":{"token":"nope"}}""",
                    c => orders.CreateOrderAsync(c.Request, _app.Client, default)),
            "order-unknown" =>
                ("GET", "/api/orders/ord-unknown", null, c => orders.GetOrderAsync(c.Request, "ord-unknown", default)),
            "order-bad-id" => ("GET", "/api/orders/-bad", null, c => orders.GetOrderAsync(c.Request, "-bad", default)),
            "reject-bad-reason" =>
                (
                    "POST",
                    "/api/orders/ord-unknown/reject",
                    """{"reason":""}""",
                    c => orders.RejectOrderAsync(c.Request, "ord-unknown", _app.Client, default)),
            "reject-unknown" =>
                (
                    "POST",
                    "/api/orders/ord-unknown/reject",
                    """{"reason":"too big"}""",
                    c => orders.RejectOrderAsync(c.Request, "ord-unknown", _app.Client, default)),
            "stock-bad-sku" =>
                ("GET", "/api/inventory/-bad", null, c => inventory.GetStockAsync(c.Request, "-bad", default)),
            "stock-bad-body" =>
                (
                    "PUT",
                    "/api/inventory/SKU-X",
                    """{"quantity":-1,"unitPrice":0.001}""",
                    c => inventory.SetStockAsync(c.Request, "SKU-X", default)),
            "stock-unknown" =>
                ("GET", "/api/inventory/SKU-NONE", null, c => inventory.GetStockAsync(c.Request, "SKU-NONE", default)),
            "list-bad-top" =>
                ("GET", "/api/orders?top=0&status=Lost", null, c => orders.ListOrdersAsync(c.Request, default)),
            "payment-unknown" =>
                (
                    "GET",
                    "/api/payments/ord-unknown",
                    null,
                    c => _app.Create<PaymentsFunctions>().GetPaymentAsync(c.Request, "ord-unknown", default)),
            "shipment-bad-id" =>
                (
                    "GET",
                    "/api/shipments/-bad",
                    null,
                    c => _app.Create<ShipmentsFunctions>().GetShipmentAsync(c.Request, "-bad", default)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
