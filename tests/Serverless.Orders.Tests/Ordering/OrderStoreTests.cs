using Serverless.Orders.Ordering;
using Serverless.Orders.Saga;
using Serverless.Storage.InMemory;

namespace Serverless.Orders.Tests.Ordering;

public sealed class OrderStoreTests
{
    private static readonly DateTimeOffset PlacedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly OrderStore _store = new(new InMemoryStorageProvider());

    [Fact]
    public async Task Recording_an_order_twice_keeps_the_first()
    {
        var (first, _, created) = await _store.CreateAsync(Placed("fp-1"), CancellationToken.None);
        var (second, fingerprint, createdAgain) = await _store.CreateAsync(
            Placed("fp-2") with { Total = 99m },
            CancellationToken.None);

        Assert.Equal((true, false), (created, createdAgain));
        Assert.Equal(first.Total, second.Total);
        Assert.Equal(first.Items, second.Items);
        Assert.Equal("fp-1", fingerprint);
    }

    [Fact]
    public async Task A_status_change_older_than_the_last_applied_one_changes_nothing()
    {
        await _store.CreateAsync(Placed("fp"), CancellationToken.None);
        await _store.TransitionAsync("o-1", OrderStatus.AwaitingApproval, null, 1, PlacedAt.AddMinutes(1));
        await _store.TransitionAsync("o-1", OrderStatus.Pending, null, 2, PlacedAt.AddMinutes(2));

        var late = await _store.TransitionAsync("o-1", OrderStatus.AwaitingApproval, null, 1, PlacedAt.AddMinutes(1));

        Assert.Equal((OrderStatus.Pending, PlacedAt.AddMinutes(2)), (late.Status, late.UpdatedAt));
        Assert.Equal(OrderStatus.Pending, (await _store.GetAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task The_first_approval_decision_recorded_stands()
    {
        await _store.CreateAsync(Placed("fp"), CancellationToken.None);
        await _store.TransitionAsync("o-1", OrderStatus.AwaitingApproval, null, 1, PlacedAt.AddMinutes(1));

        var first = await _store.RecordDecisionAsync("o-1", ApprovalDecision.Approved);
        var second = await _store.RecordDecisionAsync("o-1", ApprovalDecision.TimedOut);

        Assert.Equal((ApprovalDecision.Approved, ApprovalDecision.Approved), (first, second));
    }

    [Fact]
    public async Task No_decision_is_recorded_for_an_order_not_awaiting_approval()
    {
        await _store.CreateAsync(Placed("fp"), CancellationToken.None);

        Assert.Null(await _store.RecordDecisionAsync("o-1", ApprovalDecision.Rejected));
    }

    [Fact]
    public async Task A_cancelled_order_stays_cancelled_with_its_reason()
    {
        await _store.CreateAsync(Placed("fp"), CancellationToken.None);
        await _store.TransitionAsync("o-1", OrderStatus.Cancelled, "Out of stock: A", 1, PlacedAt);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.TransitionAsync(
            "o-1",
            OrderStatus.Confirmed,
            null,
            2,
            PlacedAt));
        var order = (await _store.GetAsync("o-1"))!;
        Assert.Equal((OrderStatus.Cancelled, "Out of stock: A"), (order.Status, order.Reason));
    }

    [Fact]
    public async Task A_listing_by_status_fills_its_page_with_matches_that_lie_far_apart()
    {
        for (var i = 0; i < 20; i++)
        {
            var orderId = $"o-{i:D2}";
            await _store.CreateAsync(Placed("fp") with { OrderId = orderId }, CancellationToken.None);
            var status = i is 3 or 17 or 18 ? OrderStatus.Compensating : OrderStatus.Confirmed;
            await _store.TransitionAsync(orderId, status, null, 1, PlacedAt);
        }

        var first = await _store.ListAsync(OrderStatus.Compensating, 2, null);
        var second = await _store.ListAsync(OrderStatus.Compensating, 2, first.ContinuationToken);

        Assert.Equal(["o-03", "o-17"], first.Items.Select(o => o.OrderId));
        Assert.Equal(["o-18"], second.Items.Select(o => o.OrderId));
        Assert.Null(second.ContinuationToken);
    }

    private static PlaceOrderInput Placed(string fingerprint) => new(
        "o-1",
        "c-1",
        [new OrderItem("A", 2, 1.5m, 3m)],
        3m,
        "tok_visa",
        PlaceOrderPolicy.From(new OrdersOptions()),
        PlacedAt,
        "key",
        fingerprint);
}
