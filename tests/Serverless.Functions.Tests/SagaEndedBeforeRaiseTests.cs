using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Serverless.Functions.Http;
using Serverless.Functions.Tests.Support;
using Serverless.Testing.Azurite;

namespace Serverless.Functions.Tests;

/// <summary>
/// A decision or a cancel checks that the order's saga runs, then raises its event; on Azure the saga can end in
/// between, and Durable Functions' client then throws where the engine drops the event. The Function App's functions
/// answer such a race as they answer a saga that had already ended (the local host's answer: the same handlers), never
/// with the client's exception (a 500).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class SagaEndedBeforeRaiseTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // What Durable Functions' host (WebJobs.Extensions.DurableTask 3.18, under Worker.Extensions.DurableTask 1.21)
    // answers the gRPC raise for an instance that no longer runs; GrpcDurableTaskClient passes it on as it is.
    private const string NotRunning = "The orchestration instance with the provided instance id is not running.";

    private readonly FunctionApp _app = new(azurite);

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("approve", StatusCode.FailedPrecondition, 409)]
    [InlineData("reject", StatusCode.FailedPrecondition, 409)]
    [InlineData("cancel", StatusCode.FailedPrecondition, 202)]
    // Extensions before 3.x sent every refusal as Unknown, "Exception was thrown by handler.".
    [InlineData("approve", StatusCode.Unknown, 409)]
    public async Task A_saga_ending_between_the_check_and_the_raise_gets_the_answer_of_an_ended_saga_not_a_500(
        string action,
        StatusCode refusal,
        int expectedStatus)
    {
        var orderId = await PlaceOrderAwaitingApprovalAsync();
        var racing = new RefusingRaiseClient(
            _app.Client,
            endsSagaFirst: true,
            () => new RpcException(new Status(refusal, refusal == StatusCode.Unknown
                ? "Exception was thrown by handler."
                : NotRunning)));

        var raced = await ActAsync(action, orderId, racing);
        var ended = await ActAsync(action, orderId, _app.Client);

        Assert.Equal([orderId], racing.Refused);
        Assert.Equal(expectedStatus, raced.Status);
        Assert.Equal((ended.Status, ended.ContentType), (raced.Status, raced.ContentType));
        Assert.Equal(ended.Comparable(), raced.Comparable());
    }

    [Fact]
    public async Task A_raise_that_fails_while_the_saga_runs_fails_the_call_and_a_retry_delivers_the_decision()
    {
        var orderId = await PlaceOrderAwaitingApprovalAsync();
        var failing = new RefusingRaiseClient(
            _app.Client,
            endsSagaFirst: false,
            () => new RpcException(new Status(StatusCode.Unavailable, "host unreachable")));

        var thrown = await Assert.ThrowsAsync<RpcException>(() => ActAsync("approve", orderId, failing));
        var retried = await ActAsync("approve", orderId, _app.Client);

        Assert.Equal(StatusCode.Unavailable, thrown.StatusCode);
        Assert.Equal(202, retried.Status);
        await Eventually.TrueAsync(async () => await StatusAsync(orderId) == "Confirmed", $"{orderId} is confirmed");
    }

    private async Task<string> PlaceOrderAwaitingApprovalAsync()
    {
        var sku = FunctionAppTests.NewSku();
        await Call("PUT", $"/api/inventory/{sku}", JsonSerializer.Serialize(new { quantity = 2, unitPrice = 600m }),
            c => _app.Create<InventoryFunctions>().SetStockAsync(c.Request, sku, default));
        var placed = await Call("POST", "/api/orders", JsonSerializer.Serialize(new
        {
            customerId = "c-1",
            items = new[] { new { sku, quantity = 2 } },
            payment = new { token = "tok_visa" },
        }), c => _app.Create<OrderHttpFunctions>().CreateOrderAsync(c.Request, _app.Client, default));
        var orderId = placed.Body.GetProperty("orderId").GetString()!;
        await Eventually.TrueAsync(
            async () => await StatusAsync(orderId) == "AwaitingApproval",
            $"order {orderId} awaits approval");
        return orderId;
    }

    private Task<Answer> ActAsync(string action, string orderId, DurableTaskClient client)
    {
        var functions = _app.Create<OrderHttpFunctions>();
        var path = $"/api/orders/{orderId}/{action}";
        return action switch
        {
            "approve" => Call(
                "POST",
                path,
                null,
                c => functions.ApproveOrderAsync(c.Request, orderId, client, default)),
            "reject" => Call(
                "POST",
                path,
                """{"reason":"too big"}""",
                c => functions.RejectOrderAsync(c.Request, orderId, client, default)),
            _ => Call("POST", path, null, c => functions.CancelOrderAsync(c.Request, orderId, client, default)),
        };
    }

    private async Task<string?> StatusAsync(string orderId)
    {
        var order = await Call("GET", $"/api/orders/{orderId}", null,
            c => _app.Create<OrderHttpFunctions>().GetOrderAsync(c.Request, orderId, default));
        return order.Status == 200 ? order.Body.GetProperty("status").GetString() : null;
    }

    private async Task<Answer> Call(string method, string path, string? json, Func<HttpContext, Task<IResult>> function)
    {
        var context = _app.Request(method, path, json);
        return await Answer.OfAsync(context, await function(context));
    }
}
