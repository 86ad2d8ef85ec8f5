using Microsoft.Extensions.Time.Testing;
using Serverless.Orders.Payments;
using Serverless.Orders.Tests.Support;
using Serverless.Storage.InMemory;

namespace Serverless.Orders.Tests.Payments;

public sealed class PaymentSimulatorTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly PaymentSimulator _gateway;

    public PaymentSimulatorTests()
    {
        _gateway = new PaymentSimulator(_database.CreateProvider());
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Visa_approves_and_records_the_charge_in_the_ledger()
    {
        var receipt = await _gateway.ChargeAsync("o-1", 25.00m, TestTokens.Visa, "o-1:charge");

        Assert.Equal(new PaymentReceipt("o-1", PaymentStatus.Charged, 25.00m), receipt);
        var record = (await _gateway.GetAsync("o-1"))!;
        Assert.Equal((PaymentStatus.Charged, 25.00m, 25.00m), (record.Status, record.Amount, record.NetAmount));
        Assert.Equal([(LedgerKinds.Charge, 25.00m)], record.Ledger.Select(e => (e.Kind, e.Amount)));
    }

    [Fact]
    public async Task Decline_is_a_permanent_failure_that_moves_no_money_and_stays_declined()
    {
        await Assert.ThrowsAsync<PaymentDeclinedException>(() => _gateway.ChargeAsync(
            "o-1",
            10m,
            TestTokens.Decline,
            "k"));
        await Assert.ThrowsAsync<PaymentDeclinedException>(() => _gateway.ChargeAsync(
            "o-1",
            10m,
            TestTokens.Decline,
            "k"));

        var record = (await _gateway.GetAsync("o-1"))!;
        Assert.Equal((PaymentStatus.Declined, 0m), (record.Status, record.NetAmount));
        Assert.Empty(record.Ledger);
    }

    [Fact]
    public async Task Transient_fails_twice_then_approves_counting_attempts_across_restarts()
    {
        await Assert.ThrowsAsync<PaymentUnavailableException>(() => _gateway.ChargeAsync(
            "o-1",
            10m,
            TestTokens.Transient,
            "k"));
        var restarted = new PaymentSimulator(_database.CreateProvider());
        await Assert.ThrowsAsync<PaymentUnavailableException>(() => restarted.ChargeAsync(
            "o-1",
            10m,
            TestTokens.Transient,
            "k"));

        var third = new PaymentSimulator(_database.CreateProvider());
        var receipt = await third.ChargeAsync("o-1", 10m, TestTokens.Transient, "k");

        Assert.Equal(PaymentStatus.Charged, receipt.Status);
        Assert.Single((await _gateway.GetAsync("o-1"))!.Ledger);
    }

    [Fact]
    public async Task RefundFailures_fails_the_first_refunds_counting_attempts_across_restarts_then_one_refunds_once()
    {
        var options = new PaymentSimulatorOptions { RefundFailures = 2 };
        await new PaymentSimulator(_database.CreateProvider(), options).ChargeAsync("o-1", 10m, TestTokens.Visa, "k");

        var first = await Assert.ThrowsAsync<PaymentUnavailableException>(() =>
            new PaymentSimulator(_database.CreateProvider(), options).RefundAsync(
            "o-1",
            10m,
            "r"));
        var second = await Assert.ThrowsAsync<PaymentUnavailableException>(() =>
            new PaymentSimulator(_database.CreateProvider(), options).RefundAsync(
            "o-1",
            10m,
            "r"));
        var receipt = await new PaymentSimulator(_database.CreateProvider(), options).RefundAsync("o-1", 10m, "r");

        Assert.Equal("The gateway refused the refund (simulated, attempt 1 of the order).", first.Message);
        Assert.Contains("attempt 2 ", second.Message, StringComparison.Ordinal);
        Assert.Equal(new PaymentReceipt("o-1", PaymentStatus.Refunded, 10m), receipt);
        var record = (await _gateway.GetAsync("o-1"))!;
        Assert.Equal((PaymentStatus.Refunded, 0m, 2), (record.Status, record.NetAmount, record.Ledger.Count));
    }

    [Fact]
    public async Task Slow_approves_only_after_two_seconds()
    {
        var time = new FakeTimeProvider();
        var gateway = new PaymentSimulator(new InMemoryStorageProvider(time), timeProvider: time);

        var charge = gateway.ChargeAsync("o-1", 10m, TestTokens.Slow, "k");
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(charge.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(PaymentStatus.Charged, (await charge.WithDeadline("the slow charge completes")).Status);
    }

    [Fact]
    public async Task Charging_an_order_twice_moves_money_once()
    {
        await _gateway.ChargeAsync("o-1", 10m, TestTokens.Visa, "first");

        var second = await _gateway.ChargeAsync("o-1", 99m, TestTokens.Visa, "second");

        Assert.Equal(10m, second.Amount);
        Assert.Equal([10m], (await _gateway.GetAsync("o-1"))!.Ledger.Select(e => e.Amount));
    }

    [Fact]
    public async Task Concurrent_charges_of_one_order_move_money_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => _gateway.ChargeAsync(
            "o-1",
            10m,
            TestTokens.Visa,
            $"k-{i}"))));

        Assert.Single((await _gateway.GetAsync("o-1"))!.Ledger);
    }

    [Fact]
    public async Task Refund_returns_what_was_charged_once()
    {
        await _gateway.ChargeAsync("o-1", 10m, TestTokens.Visa, "c");

        var first = await _gateway.RefundAsync("o-1", 10m, "r");
        var second = await _gateway.RefundAsync("o-1", 10m, "r");

        Assert.Equal((PaymentStatus.Refunded, 10m), (first.Status, first.Amount));
        Assert.Equal(first, second);
        var record = (await _gateway.GetAsync("o-1"))!;
        Assert.Equal(0m, record.NetAmount);
        Assert.Equal(
            [(LedgerKinds.Charge, 10m), (LedgerKinds.Refund, 10m)],
            record.Ledger.Select(e => (e.Kind, e.Amount)));
    }

    [Fact]
    public async Task Refund_never_exceeds_the_charge()
    {
        await _gateway.ChargeAsync("o-1", 10m, TestTokens.Visa, "c");

        var refund = await _gateway.RefundAsync("o-1", 50m, "r");

        Assert.Equal(10m, refund.Amount);
        Assert.Equal(0m, (await _gateway.GetAsync("o-1"))!.NetAmount);
    }

    [Fact]
    public async Task Refund_of_an_uncharged_order_moves_no_money_and_voids_it_so_a_late_charge_is_declined()
    {
        var refund = await _gateway.RefundAsync("o-1", 10m, "r");

        await Assert.ThrowsAsync<PaymentDeclinedException>(() => _gateway.ChargeAsync(
            "o-1",
            10m,
            TestTokens.Visa,
            "c"));
        Assert.Equal((PaymentStatus.Voided, 0m), (refund.Status, refund.Amount));
        Assert.Empty((await _gateway.GetAsync("o-1"))!.Ledger);
    }

    [Fact]
    public async Task Refund_of_a_declined_order_moves_no_money()
    {
        await Assert.ThrowsAsync<PaymentDeclinedException>(() => _gateway.ChargeAsync(
            "o-1",
            10m,
            TestTokens.Decline,
            "c"));

        var refund = await _gateway.RefundAsync("o-1", 10m, "r");

        Assert.Equal((PaymentStatus.Declined, 0m), (refund.Status, refund.Amount));
        Assert.Empty((await _gateway.GetAsync("o-1"))!.Ledger);
    }

    [Fact]
    public async Task Only_the_test_tokens_are_accepted()
    {
        Assert.All(TestTokens.All, token => Assert.True(_gateway.AcceptsToken(token)));
        Assert.False(_gateway.AcceptsToken("tok_unknown"));
        await Assert.ThrowsAsync<PaymentDeclinedException>(() => _gateway.ChargeAsync("o-1", 10m, "tok_unknown", "c"));
    }

    [Fact]
    public async Task An_order_the_gateway_never_saw_has_no_payment()
    {
        Assert.Null(await _gateway.GetAsync("o-unknown"));
    }
}
