using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Upgrade;

/// <summary>
/// Orders in flight when the previous release stopped (saga on the engine's own programming model) finish after the
/// upgrade to the SDK-based saga: their histories replay and their sagas go on where they were.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class UpgradeTests(PreUpgradeHostFixture fixture) : IClassFixture<PreUpgradeHostFixture>
{
    private const string ToApprove = "ord-a2bd6dcd146e98bbeea517143209a523";
    private const string ToReject = "ord-d8bcaf9d2bb5e2ed0de89f6c573a9698";
    private const string WaitingOnRetryTimer = "ord-7ac1580dceee1db238974f98e69b1d32";
    private const string KilledMidCharge = "ord-5ec696c70823618aaa574390d3471aec";

    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task An_order_awaiting_approval_across_the_upgrade_is_confirmed_and_charged_once_when_approved()
    {
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.GetOrderAsync(ToApprove)).Status);

        using var response = await _client.DecideAsync(ToApprove, approve: true);
        await _client.ExpectAsync(response, HttpStatusCode.Accepted);
        var order = await _client.WaitUntilSettledAsync(ToApprove);

        Assert.Equal(OrderStatuses.Confirmed, order.Status);
        Assert.Equal(
            new LedgerEntryDto("charge", 1200.00m),
            Assert.Single((await _client.GetPaymentAsync(ToApprove)).Ledger));
        await OrderEventsQueue.WaitForConfirmedEventAsync(fixture.Client, ToApprove);
    }

    [Fact]
    public async Task An_order_awaiting_approval_across_the_upgrade_is_cancelled_without_moving_money_when_rejected()
    {
        using var response = await _client.DecideAsync(ToReject, approve: false);
        await _client.ExpectAsync(response, HttpStatusCode.Accepted);
        var order = await _client.WaitUntilSettledAsync(ToReject);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Rejected", order.Reason, StringComparison.Ordinal);
        Assert.Empty((await _client.GetPaymentAsync(ToReject)).Ledger);
    }

    [Fact]
    public async Task An_order_waiting_on_a_charge_retry_timer_before_the_upgrade_is_confirmed_and_charged_once()
    {
        var order = await _client.WaitUntilSettledAsync(WaitingOnRetryTimer);

        Assert.Equal(OrderStatuses.Confirmed, order.Status);
        Assert.Equal(
            new LedgerEntryDto("charge", 10.00m),
            Assert.Single((await _client.GetPaymentAsync(WaitingOnRetryTimer)).Ledger));
        var instance = await _client.WaitForInstanceAsync(WaitingOnRetryTimer, "Completed");
        Assert.Equal(
            2,
            instance.HistoryEvents!.Count(e => e.EventType == "TaskScheduled" && e.FunctionName == "ChargePayment"));
    }

    [Fact]
    public async Task An_order_whose_charge_was_cut_off_by_the_kill_before_the_upgrade_is_confirmed_and_charged_once()
    {
        var order = await _client.WaitUntilSettledAsync(KilledMidCharge);

        Assert.Equal(OrderStatuses.Confirmed, order.Status);
        Assert.Equal(
            new LedgerEntryDto("charge", 10.00m),
            Assert.Single((await _client.GetPaymentAsync(KilledMidCharge)).Ledger));
    }

    [Fact]
    public async Task No_saga_written_by_the_previous_release_fails_to_replay_after_the_upgrade()
    {
        await _client.WaitUntilSettledAsync(WaitingOnRetryTimer);
        await _client.WaitUntilSettledAsync(KilledMidCharge);

        Assert.Empty(await _client.ListInstancesAsync("Failed"));
    }
}
