using System.Net;
using System.Text.Json;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Operations;

/// <summary>
/// <c>/api/health/details</c> on a host whose only work is a durable timer due in the future (an order's approval
/// timeout, 24 h by default): the timer is scheduled, not backlog (issue 19: an idle host showed a depth of 11-12).
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class HealthDetailsTests
{
    private const string OrchestrationQueue = "durable-orchestrations";

    [Fact]
    public async Task A_pending_approval_timer_counts_as_scheduled_with_nothing_ready_and_no_oldest_message_age()
    {
        await using var host = await HostProcess.StartAsync("health-timer");
        using var client = new HostClient(host);

        await AssertTimerIsScheduledAsync(client, "health", approximate: false);
    }

    /// <summary>
    /// Places an order that waits for approval, waits until no queue holds a ready message, and checks that the
    /// approval timer is counted as scheduled, the depth is ready plus scheduled, and the oldest ready message's age is
    /// written as null.
    /// </summary>
    internal static async Task AssertTimerIsScheduledAsync(HostClient client, string purpose, bool approximate)
    {
        var sku = TestIds.Sku(purpose);
        await client.SetStockAsync(sku, 4, 700.00m);
        var accepted = await client.PlaceOrderAsync(TestIds.Customer(purpose), sku, 2, Tokens.Visa);
        Assert.Equal(OrderStatuses.AwaitingApproval, (await client.WaitUntilNotPendingAsync(accepted.OrderId)).Status);

        var (health, raw) = await Eventually.ValueAsync(
            () => ReadAsync(client),
            read => read.Health.Queues.All(q => q.Ready == 0),
            "the host has handled every ready message");

        var orchestrations = health.Queues.Single(q => q.Name == OrchestrationQueue);
        Assert.True(orchestrations.Scheduled >= 1, $"The approval timer is scheduled: {raw}");
        Assert.All(health.Queues, q => Assert.Equal(q.Ready + q.Scheduled, q.Depth));
        Assert.All(health.Queues, q => Assert.Equal(approximate, q.Approximate));
        var written = raw.GetProperty("queues").EnumerateArray()
            .Single(q => q.GetProperty("name").GetString() == OrchestrationQueue);
        Assert.Equal(JsonValueKind.Null, written.GetProperty("oldestMessageAgeSeconds").ValueKind);
        Assert.Equal(OrderStatuses.AwaitingApproval, (await client.GetOrderAsync(accepted.OrderId)).Status);
    }

    private static async Task<(HealthDetailsDto Health, JsonElement Raw)> ReadAsync(HostClient client)
    {
        using var response = await client.SendAsync(HttpMethod.Get, "api/health/details");
        var body = await client.ExpectAsync(response, HttpStatusCode.OK);
        return (Json.Deserialize<HealthDetailsDto>(body), JsonDocument.Parse(body).RootElement.Clone());
    }
}
