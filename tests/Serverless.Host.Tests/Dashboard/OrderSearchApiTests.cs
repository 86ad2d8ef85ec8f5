using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Dashboard;

/// <summary>
/// The filters the dashboard's order list uses, on the real host over HTTP: <c>customerId</c> (its search) and
/// <c>createdFrom</c> (its "placed in the last …"), together with <c>status</c>; malformed values are refused with a
/// problem naming the field.
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class OrderSearchApiTests(SharedHostFixture fixture)
{
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task CustomerId_lists_that_customers_orders_only_and_combines_with_status()
    {
        var sku = TestIds.Sku("search");
        await _client.SetStockAsync(sku, 50, 3m);
        var customer = TestIds.Customer("search");
        var confirmed = await _client.PlaceOrderAsync(customer, sku, 1, Tokens.Visa);
        var declined = await _client.PlaceOrderAsync(customer, sku, 1, Tokens.Decline);
        var someoneElses = await _client.PlaceOrderAsync(TestIds.Customer("other"), sku, 1, Tokens.Visa);
        foreach (var id in new[] { confirmed.OrderId, declined.OrderId, someoneElses.OrderId })
        {
            await _client.WaitUntilSettledAsync(id);
        }

        var all = await ListAsync($"customerId={Uri.EscapeDataString(customer)}");
        var cancelled = await ListAsync($"customerId={Uri.EscapeDataString(customer)}&status=Cancelled");

        Assert.Equal(
            new[] { confirmed.OrderId, declined.OrderId }.Order(),
            all.Items.Select(o => o.OrderId).Order());
        Assert.Equal(declined.OrderId, Assert.Single(cancelled.Items).OrderId);
    }

    [Fact]
    public async Task CreatedFrom_leaves_out_orders_placed_before_it()
    {
        var sku = TestIds.Sku("since");
        await _client.SetStockAsync(sku, 50, 3m);
        var customer = TestIds.Customer("since");
        var earlier = await _client.PlaceOrderAsync(customer, sku, 1, Tokens.Visa);
        var earlierOrder = await _client.GetOrderAsync(earlier.OrderId);
        var later = await _client.PlaceOrderAsync(customer, sku, 1, Tokens.Visa);
        var laterOrder = await _client.GetOrderAsync(later.OrderId);
        Assert.True(laterOrder.CreatedAt > earlierOrder.CreatedAt, "the two orders were placed at distinct times");

        var from = laterOrder.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var since = await ListAsync(
            $"customerId={Uri.EscapeDataString(customer)}&createdFrom={Uri.EscapeDataString(from)}");
        var everything = await ListAsync(
            $"customerId={Uri.EscapeDataString(customer)}&createdFrom=2000-01-01T00:00:00Z");

        Assert.Equal(later.OrderId, Assert.Single(since.Items).OrderId);
        Assert.Equal(2, everything.Items.Count);
    }

    [Theory]
    [InlineData("createdFrom=yesterday", "createdFrom")]
    [InlineData("customerId=%20padded", "customerId")]
    [InlineData("status=Shipped", "status")]
    public async Task A_malformed_filter_gets_a_problem_naming_it(string query, string field)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"api/orders?{query}");

        await ProblemAssert.NamesFieldAsync(response, field, _client.Host);
    }

    private async Task<OrderPageDto> ListAsync(string query)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"api/orders?{query}");
        return await _client.ExpectAsync<OrderPageDto>(response, HttpStatusCode.OK);
    }
}
