using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>The <c>Idempotency-Key</c> header makes placing an order safe to repeat.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class IdempotencyTests(SharedHostFixture fixture)
{
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task Replaying_a_request_with_its_Idempotency_Key_returns_the_same_order_and_places_it_once()
    {
        var sku = TestIds.Sku("replay");
        var customer = TestIds.Customer("replay");
        var key = TestIds.IdempotencyKey("replay");
        await _client.SetStockAsync(sku, 10, 4.00m);
        var body = OrderRequests.Body(customer, sku, 3, Tokens.Visa);

        var first = await _client.PlaceOrderAsync(body, key);
        await _client.WaitUntilSettledAsync(first.OrderId);
        var replay = await _client.PlaceOrderAsync(body, key);

        Assert.Equal(first.OrderId, replay.OrderId);
        Assert.Equal(OrderStatuses.Confirmed, replay.Status);
        Assert.Single(await _client.ListAllOrdersAsync(), o => o.CustomerId == customer);
        Assert.Equal(new StockDto(sku, 7, 0, 3, 4.00m), await _client.GetStockAsync(sku));
        Assert.Single((await _client.GetPaymentAsync(first.OrderId)).Ledger);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_Idempotency_Key_all_get_the_same_order_and_place_it_once()
    {
        var sku = TestIds.Sku("race");
        var customer = TestIds.Customer("race");
        var key = TestIds.IdempotencyKey("race");
        await _client.SetStockAsync(sku, 10, 4.00m);
        var body = OrderRequests.Body(customer, sku, 2, Tokens.Visa);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _client.PlaceOrderAsync(body, key)));
        var orderId = Assert.Single(answers.Select(a => a.OrderId).Distinct());
        Assert.Equal(OrderStatuses.Confirmed, (await _client.WaitUntilSettledAsync(orderId)).Status);

        Assert.Single(await _client.ListAllOrdersAsync(), o => o.CustomerId == customer);
        Assert.Equal(new StockDto(sku, 8, 0, 2, 4.00m), await _client.GetStockAsync(sku));
        Assert.Single((await _client.GetPaymentAsync(orderId)).Ledger);
    }

    [Fact]
    public async Task Reusing_an_Idempotency_Key_for_a_different_order_is_refused_and_places_nothing_more()
    {
        var sku = TestIds.Sku("reuse");
        var customer = TestIds.Customer("reuse");
        var key = TestIds.IdempotencyKey("reuse");
        await _client.SetStockAsync(sku, 10, 4.00m);
        var first = await _client.PlaceOrderAsync(OrderRequests.Body(customer, sku, 1, Tokens.Visa), key);
        await _client.WaitUntilSettledAsync(first.OrderId);

        using var response = await _client.PostOrderAsync(OrderRequests.Body(customer, sku, 5, Tokens.Visa), key);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, _client.Host);
        Assert.Single(await _client.ListAllOrdersAsync(), o => o.CustomerId == customer);
        Assert.Equal(new StockDto(sku, 9, 0, 1, 4.00m), await _client.GetStockAsync(sku));
    }

    [Fact]
    public async Task Requests_without_an_Idempotency_Key_are_separate_orders()
    {
        var sku = TestIds.Sku("nokey");
        var customer = TestIds.Customer("nokey");
        await _client.SetStockAsync(sku, 10, 4.00m);
        var body = OrderRequests.Body(customer, sku, 1, Tokens.Visa);

        var first = await _client.PlaceOrderAsync(body);
        var second = await _client.PlaceOrderAsync(body);

        Assert.NotEqual(first.OrderId, second.OrderId);
        await _client.WaitUntilSettledAsync(first.OrderId);
        await _client.WaitUntilSettledAsync(second.OrderId);
        Assert.Equal(2, (await _client.ListAllOrdersAsync()).Count(o => o.CustomerId == customer));
        Assert.Equal(new StockDto(sku, 8, 0, 2, 4.00m), await _client.GetStockAsync(sku));
    }
}
