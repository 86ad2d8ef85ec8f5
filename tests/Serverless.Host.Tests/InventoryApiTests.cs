using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// <c>PUT /api/inventory/{sku}</c> as docs/api.md describes it: it sets the units free to sell and the price, keeps
/// what orders have reserved and sold, and leaves the price of orders already placed as it was.
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class InventoryApiTests(SharedHostFixture fixture)
{
    private const decimal Price = 600.00m;
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task Setting_stock_sets_available_and_the_price_and_keeps_reserved_and_sold_units()
    {
        var sku = TestIds.Sku("restock");
        await _client.SetStockAsync(sku, 5, Price);
        var sold = (await _client.PlaceOrderAsync(TestIds.Customer("restock"), sku, 1, Tokens.Visa)).OrderId;
        Assert.Equal(OrderStatuses.Confirmed, (await _client.WaitUntilSettledAsync(sold)).Status);
        // Above the approval threshold: it holds its 2 units reserved until decided.
        var held = (await _client.PlaceOrderAsync(TestIds.Customer("restock"), sku, 2, Tokens.Visa)).OrderId;
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(held)).Status);

        var restocked = await _client.SetStockAsync(sku, 10, 650.00m);
        var read = await _client.GetStockAsync(sku);
        using (var approve = await _client.DecideAsync(held, approve: true))
        {
            await _client.ExpectAsync(approve, HttpStatusCode.Accepted);
        }

        var approved = await _client.WaitUntilSettledAsync(held);

        Assert.Equal(new StockDto(sku, 10, 2, 1, 650.00m), restocked);
        Assert.Equal(restocked, read);
        Assert.Equal((OrderStatuses.Confirmed, 2 * Price), (approved.Status, approved.Total));
        Assert.Equal(new StockDto(sku, 10, 0, 3, 650.00m), await _client.GetStockAsync(sku));
        Assert.Equal(2 * Price, (await _client.GetPaymentAsync(held)).NetAmount);
    }
}
