using System.Net;
using System.Text.Json;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// Durable:Retention in the running host: finished sagas' orchestration state is purged in the background, and what the
/// API says about an order afterwards comes from the order, which is a business record and stays.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class RetentionTests
{
    [Fact]
    public async Task A_finished_saga_past_the_max_age_is_purged_and_its_order_still_reads_decides_and_replays()
    {
        await using var host = await HostProcess.StartAsync(
            "retention",
            "--Durable:Retention:MaxAge=00:00:02",
            "--Durable:Retention:Interval=00:00:01",
            "--Durable:Retention:BatchSize=2");
        using var client = new HostClient(host);
        var sku = TestIds.Sku("retention");
        await client.SetStockAsync(sku, 10, 800.00m);
        var key = TestIds.IdempotencyKey("retention");
        var body = OrderRequests.Body(TestIds.Customer("retention"), sku, 1, Tokens.Visa);
        var settled = await client.PlaceOrderAsync(body, key);
        Assert.Equal(OrderStatuses.Confirmed, (await client.WaitUntilSettledAsync(settled.OrderId)).Status);
        var waiting = await client.PlaceOrderAsync(TestIds.Customer("retention-waiting"), sku, 2, Tokens.Visa);
        Assert.Equal(OrderStatuses.AwaitingApproval, (await client.WaitUntilNotPendingAsync(waiting.OrderId)).Status);

        var gone = await client.PollAsync(
            async () =>
            {
                using var response = await client.SendAsync(
                    HttpMethod.Get,
                    $"{HostClient.ManagementPrefix}/{settled.OrderId}");
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            answer => answer.StatusCode == HttpStatusCode.NotFound,
            answer => $"The saga of {settled.OrderId} was not purged; last answer {answer.StatusCode}: {answer.Body}");

        var detail = JsonDocument.Parse(gone.Body).RootElement.GetProperty("detail").GetString();
        Assert.Contains("purged", detail, StringComparison.Ordinal);
        var order = await client.GetOrderAsync(settled.OrderId);
        Assert.Equal((OrderStatuses.Confirmed, 800.00m), (order.Status, order.Total));
        Assert.Single((await client.GetPaymentAsync(settled.OrderId)).Ledger);
        using (var approve = await client.DecideAsync(settled.OrderId, approve: true))
        {
            Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        }

        // The same Idempotency-Key answers with the stored order and starts no saga again.
        var replay = await client.PlaceOrderAsync(body, key);
        Assert.Equal((settled.OrderId, OrderStatuses.Confirmed), (replay.OrderId, replay.Status));
        using (var status = await client.SendAsync(HttpMethod.Get, $"{HostClient.ManagementPrefix}/{settled.OrderId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        }

        // A saga waiting for approval is never purged, however old.
        Assert.Equal(
            "Running",
            (await client.GetInstanceAsync(waiting.OrderId, HttpStatusCode.Accepted)).RuntimeStatus);
        Assert.Equal(new StockDto(sku, 7, 2, 1, 800.00m), await client.GetStockAsync(sku));
    }
}
