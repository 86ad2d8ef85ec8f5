using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Fulfilment;
using Serverless.Functions.Http;
using Serverless.Functions.Tests.Support;
using Serverless.Orders.Events;
using Serverless.Storage;
using Serverless.Testing.Azurite;

namespace Serverless.Functions.Tests;

/// <summary>
/// The Function App's function classes called directly, with real HttpContexts, on Azure Storage (Azurite).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class FunctionAppTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FunctionApp _app = new(azurite);

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_order_placed_through_the_functions_is_confirmed_by_the_wrapped_saga_charged_and_shipped_once()
    {
        var sku = NewSku();
        var stocked = await SetStockAsync(sku, 5, 12.50m);
        Assert.Equal(200, stocked.Status);

        var placed = await CreateOrderAsync(sku, 2, "tok_visa");
        Assert.Equal(202, placed.Status);
        var orderId = placed.Body.GetProperty("orderId").GetString()!;
        Assert.Equal($"http://localhost:7071/api/orders/{orderId}", placed.Location);
        Assert.Equal(placed.Location, placed.Body.GetProperty("statusUri").GetString());
        var instance = await _app.Client.WaitForInstanceCompletionAsync(orderId, getInputsAndOutputs: true)
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);

        var order = await GetOrderAsync(orderId);
        Assert.Equal(
            (200, "Confirmed", 25.00m),
            (order.Status, order.Body.GetProperty("status").GetString(), order.Body.GetProperty("total").GetDecimal()));
        var stock = await Call(
            "GET",
            $"/api/inventory/{sku}",
            (c, f) => f.Create<InventoryFunctions>().GetStockAsync(c.Request, sku, default));
        Assert.Equal(
            (3L, 0L, 2L),
            (
                stock.Body.GetProperty("available").GetInt64(),
                stock.Body.GetProperty("reserved").GetInt64(),
                stock.Body.GetProperty("sold").GetInt64()));
        var payment = await Call(
            "GET",
            $"/api/payments/{orderId}",
            (c, f) => f.Create<PaymentsFunctions>().GetPaymentAsync(c.Request, orderId, default));
        Assert.Equal(
            25.00m,
            Assert.Single(payment.Body.GetProperty("ledger").EnumerateArray()).GetProperty("amount").GetDecimal());

        Assert.Equal(404, (await GetShipmentAsync(orderId)).Status);
        var message = await ReceiveOrderConfirmedAsync(orderId);
        var fulfil = _app.Create<FulfilOrderFunction>();
        await fulfil.RunAsync(message, default);
        var shipment = await GetShipmentAsync(orderId);
        await fulfil.RunAsync(message, default);
        var again = await GetShipmentAsync(orderId);

        Assert.Equal(200, shipment.Status);
        Assert.Equal($"{orderId}:OrderConfirmed", shipment.Body.GetProperty("eventId").GetString());
        Assert.Equal(shipment.Body.GetRawText(), again.Body.GetRawText());
    }

    [Fact]
    public async Task Rejecting_through_the_function_cancels_the_order_with_the_reason_and_approving_confirms()
    {
        var sku = NewSku();
        await SetStockAsync(sku, 4, 600m);
        var rejected = (await CreateOrderAsync(sku, 2, "tok_visa")).Body.GetProperty("orderId").GetString()!;
        var approved = (await CreateOrderAsync(sku, 2, "tok_visa")).Body.GetProperty("orderId").GetString()!;
        await WaitForStatusAsync(rejected, "AwaitingApproval");
        await WaitForStatusAsync(approved, "AwaitingApproval");

        var reject = await Call(
            "POST",
            $"/api/orders/{rejected}/reject",
            (c, f) => f.Create<OrderHttpFunctions>().RejectOrderAsync(c.Request, rejected, f.Client, default),
            """{"reason":"too big"}""");
        var approve = await Call(
            "POST",
            $"/api/orders/{approved}/approve",
            (c, f) => f.Create<OrderHttpFunctions>().ApproveOrderAsync(c.Request, approved, f.Client, default));

        Assert.Equal((202, 202), (reject.Status, approve.Status));
        var cancelled = await WaitForStatusAsync(rejected, "Cancelled");
        Assert.Equal("Rejected by the approver: too big", cancelled.GetProperty("reason").GetString());
        await WaitForStatusAsync(approved, "Confirmed");
        var list = await Call(
            "GET",
            "/api/orders",
            (c, f) => f.Create<OrderHttpFunctions>().ListOrdersAsync(c.Request, default));
        Assert.Equal(200, list.Status);
    }

    [Fact]
    public async Task A_message_that_is_not_an_OrderConfirmed_fails_and_writes_nothing()
    {
        var fulfil = _app.Create<FulfilOrderFunction>();

        await Assert.ThrowsAsync<InvalidDataException>(() => fulfil.RunAsync("not json", default));
        await Assert.ThrowsAsync<InvalidDataException>(() => fulfil.RunAsync(
            """{"type":"OrderConfirmed","orderId":"ord-x"}""",
            default));
        Assert.Equal(404, (await GetShipmentAsync("ord-x")).Status);
    }

    internal static string NewSku() => $"SKU-{Guid.NewGuid():N}"[..20];

    internal Task<Answer> SetStockAsync(string sku, long quantity, decimal unitPrice) =>
        Call(
            "PUT",
            $"/api/inventory/{sku}",
            (c, f) => f.Create<InventoryFunctions>().SetStockAsync(c.Request, sku, default),
            JsonSerializer.Serialize(new { quantity, unitPrice }));

    internal Task<Answer> CreateOrderAsync(string sku, int quantity, string token) =>
        Call(
            "POST",
            "/api/orders",
            (c, f) => f.Create<OrderHttpFunctions>().CreateOrderAsync(c.Request, f.Client, default),
            JsonSerializer.Serialize(
                new { customerId = "c-1", items = new[] { new { sku, quantity } }, payment = new { token } }));

    private Task<Answer> GetOrderAsync(string orderId) =>
        Call(
            "GET",
            $"/api/orders/{orderId}",
            (c, f) => f.Create<OrderHttpFunctions>().GetOrderAsync(c.Request, orderId, default));

    private Task<Answer> GetShipmentAsync(string orderId) =>
        Call(
            "GET",
            $"/api/shipments/{orderId}",
            (c, f) => f.Create<ShipmentsFunctions>().GetShipmentAsync(c.Request, orderId, default));

    private async Task<Answer> Call(
        string method,
        string path,
        Func<Microsoft.AspNetCore.Http.HttpContext,
        FunctionApp,
        Task<Microsoft.AspNetCore.Http.IResult>> function,
        string? json = null)
    {
        var context = _app.Request(method, path, json);
        return await Answer.OfAsync(context, await function(context, _app));
    }

    private async Task<JsonElement> WaitForStatusAsync(string orderId, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var order = await GetOrderAsync(orderId);
            if (order.Status == 200 && order.Body.GetProperty("status").GetString() == status)
            {
                return order.Body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} is not {status} within 60 s: {order.Body}");
            await Task.Delay(50);
        }
    }

    private async Task<string> ReceiveOrderConfirmedAsync(string orderId)
    {
        var queue = _app.Services.GetRequiredService<IStorageProvider>().GetQueue(OrderEventPublisher.QueueName);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            foreach (var message in await queue.ReceiveAsync(32, TimeSpan.FromSeconds(1)))
            {
                if (message.Body.Contains(orderId, StringComparison.Ordinal))
                {
                    await queue.CompleteAsync(message);
                    return message.Body;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No OrderConfirmed for {orderId} on order-events within 30 s.");
            await Task.Delay(50);
        }
    }
}
