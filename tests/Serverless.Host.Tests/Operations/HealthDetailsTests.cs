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

    [Fact]
    public async Task Storage_request_counts_are_reported_per_operation_and_grow_with_an_order()
    {
        await using var host = await HostProcess.StartAsync("health-requests");
        using var client = new HostClient(host);

        await AssertRequestsGrowAsync(client, "requests");
    }

    /// <summary>
    /// Reads the storage request counts, places an order that confirms, and checks that the counts grew, with more
    /// table batches than before (the saga's commits), and that the total is the sum of the kinds.
    /// </summary>
    internal static async Task AssertRequestsGrowAsync(HostClient client, string purpose)
    {
        // Just after start, storage the check reads (the worker leases) may not be ready yet: a 503 until it is. The
        // counts may still be zero then (SQLite counts no schema creation, and the pollers may not have run yet).
        var before = (await Eventually.UntilAsync(() => ReadHealthyAsync(client), "the host reports healthy")).Storage;
        Assert.Equal(before.Requests.Values.Sum(), before.RequestsTotal);

        var sku = TestIds.Sku(purpose);
        await client.SetStockAsync(sku, 5, 10.00m);
        var accepted = await client.PlaceOrderAsync(TestIds.Customer(purpose), sku, 1, Tokens.Visa);
        Assert.Equal(OrderStatuses.Confirmed, (await client.WaitUntilSettledAsync(accepted.OrderId)).Status);

        var (health, raw) = await ReadAsync(client);
        var after = health.Storage;
        Assert.True(after.RequestsTotal > before.RequestsTotal, $"The order's requests were counted: {raw}");
        Assert.Equal(after.Requests.Values.Sum(), after.RequestsTotal);
        Assert.True(
            after.Requests.GetValueOrDefault("table.batch") > before.Requests.GetValueOrDefault("table.batch"),
            $"The saga's commits count as table batches: {raw}");
        Assert.Equal(JsonValueKind.Number, raw.GetProperty("storage").GetProperty("requestsTotal").ValueKind);
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

    private static async Task<HealthDetailsDto?> ReadHealthyAsync(HostClient client)
    {
        using var response = await client.SendAsync(HttpMethod.Get, "api/health/details");
        return response.StatusCode == HttpStatusCode.OK
            ? Json.Deserialize<HealthDetailsDto>(await response.Content.ReadAsStringAsync())
            : null;
    }

    private static async Task<(HealthDetailsDto Health, JsonElement Raw)> ReadAsync(HostClient client)
    {
        using var response = await client.SendAsync(HttpMethod.Get, "api/health/details");
        var body = await client.ExpectAsync(response, HttpStatusCode.OK);
        return (Json.Deserialize<HealthDetailsDto>(body), JsonDocument.Parse(body).RootElement.Clone());
    }
}
