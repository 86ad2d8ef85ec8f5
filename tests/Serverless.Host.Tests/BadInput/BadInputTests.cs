using System.Net;
using System.Text;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Serverless.Orders.Ordering;

namespace Serverless.Host.Tests.BadInput;

/// <summary>
/// Every malformed request of the bad-input table (<see cref="BadInputCases"/>) gets its 4xx problem+json answer (a 400
/// names the offending field) and changes nothing: every order, every order's payment, the row's SKU and the running
/// saga of an order awaiting approval read the same before and after, and nothing exists under the order id the row's
/// <c>Idempotency-Key</c> maps to (no order, no payment, no saga).
/// </summary>
/// <remarks>
/// The host is this class's own, so that "every order and payment" is a short list that nothing else changes while a
/// row runs.
/// </remarks>
[Trait(Tier.Trait, Tier.Process)]
public sealed class BadInputTests(BadInputTests.QuietHostFixture fixture)
    : IClassFixture<BadInputTests.QuietHostFixture>
{
    private const decimal Price = 2.50m;
    private readonly HostClient _client = fixture.Client;

    public static TheoryData<string> Cases => new(BadInputCases.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_request_gets_a_problem_naming_what_is_wrong_and_changes_nothing(string @case)
    {
        var target = new BadInputTarget(
            TestIds.Sku("bad"),
            TestIds.Customer("bad"),
            TestIds.IdempotencyKey("bad"),
            await fixture.AwaitingOrderIdAsync());
        await _client.SetStockAsync(target.Sku, 10, Price);
        var before = await SnapshotAsync(target);
        var bad = BadInputCases.For(@case, target);

        using var request = bad.ToRequest();
        using var response = await _client.Http.SendAsync(request);

        await AssertProblemAsync(response, bad);
        Assert.Equal(before, await SnapshotAsync(target));
        var keyed = OrderService.OrderIdFor(target.Customer, target.Key);
        foreach (var path in new[] { "api/orders", "api/payments", HostClient.ManagementPrefix })
        {
            using var nothing = await _client.SendAsync(HttpMethod.Get, $"{path}/{keyed}");
            await ProblemAssert.IsProblemAsync(nothing, HttpStatusCode.NotFound, _client.Host);
        }
    }

    [Fact]
    public async Task An_order_for_an_unknown_SKU_does_not_create_the_SKU()
    {
        var unknown = TestIds.Sku("never-stocked");

        using var post = await _client.PostOrderAsync(OrderRequests.Body(
            TestIds.Customer("unknown"),
            unknown,
            1,
            Tokens.Visa));
        await ProblemAssert.NamesFieldAsync(post, "items[0].sku", _client.Host);

        using var get = await _client.SendAsync(HttpMethod.Get, $"api/inventory/{unknown}");
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound, _client.Host);
    }

    private async Task AssertProblemAsync(HttpResponseMessage response, MalformedRequest bad)
    {
        if (bad.Field is not null)
        {
            await ProblemAssert.NamesFieldAsync(response, bad.Field, _client.Host);
        }
        else
        {
            await ProblemAssert.IsProblemAsync(response, bad.Status, _client.Host);
        }
    }

    /// <summary>
    /// What a bad request must not change, as the API shows it: every order (this host's orders are few), each one's
    /// payment and SKUs, the row's SKU, and the saga of the order awaiting approval.
    /// </summary>
    private async Task<string> SnapshotAsync(BadInputTarget target)
    {
        var snapshot = new StringBuilder();
        var orders = await _client.ListAllOrdersAsync();
        var skus = orders.SelectMany(o => o.Items).Select(i => i.Sku).Append(target.Sku).Distinct();
        var paths = skus.Select(sku => $"api/inventory/{sku}").ToList();
        paths.Add($"{HostClient.ManagementPrefix}/{target.AwaitingOrderId}");
        paths.AddRange(orders.Select(o => $"api/orders/{o.OrderId}"));
        paths.AddRange(orders.Select(o => $"api/payments/{o.OrderId}"));
        foreach (var path in paths)
        {
            using var response = await _client.SendAsync(HttpMethod.Get, path);
            snapshot.Append(path).Append(" → ").Append((int)response.StatusCode).Append(' ')
                .AppendLine(await response.Content.ReadAsStringAsync());
        }

        return snapshot.ToString();
    }

    /// <summary>
    /// A host for this table alone, with one order awaiting approval (its saga running, its stock reserved, nothing
    /// charged) for the rows that aim at an order or a saga.
    /// </summary>
    public sealed class QuietHostFixture : HostFixture
    {
        private readonly Lazy<Task<string>> _awaiting;

        public QuietHostFixture() => _awaiting = new(PlaceAwaitingOrderAsync);

        protected override string Name => "bad-input";

        public Task<string> AwaitingOrderIdAsync() => _awaiting.Value;

        private async Task<string> PlaceAwaitingOrderAsync()
        {
            var sku = TestIds.Sku("awaiting");
            await Client.SetStockAsync(sku, 5, 600.00m);
            var orderId = (await Client.PlaceOrderAsync(TestIds.Customer("awaiting"), sku, 2, Tokens.Visa)).OrderId;
            var order = await Client.WaitUntilNotPendingAsync(orderId);
            Assert.Equal(OrderStatuses.AwaitingApproval, order.Status);
            await Client.WaitForInstanceAsync(orderId, "Running");
            return orderId;
        }
    }
}
