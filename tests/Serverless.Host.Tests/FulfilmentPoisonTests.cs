using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Storage.Sqlite;

namespace Serverless.Host.Tests;

/// <summary>
/// A message FulfilOrder cannot handle is retried, then ends in order-events-poison, and writes nothing.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class FulfilmentPoisonTests
{
    [Fact]
    public async Task A_message_that_keeps_failing_ends_in_the_poison_queue_and_creates_no_shipment()
    {
        // Fast retries (host.json's 5 s back-off would make this test wait over a minute).
        await using var host = await HostProcess.StartAsync(
            "poison",
            "--Serverless:Queues:RetryBaseDelay=00:00:00.050",
            "--Serverless:Queues:MaxRetryDelay=00:00:00.100");
        using var client = new HostClient(host);
        const string body =
            """{"type":"OrderConfirmed","orderId":"ord-poison","eventId":"ord-poison:OrderConfirmed"}""";
        var database = Path.Combine(host.DataDirectory, EmbeddedDatabaseFile.FileName);
        using (var storage = new SqliteStorageProvider(new SqliteStorageOptions { DataSource = database }))
        {
            await storage.GetQueue(OrderEventsQueue.QueueName).SendAsync(body);
        }

        var poisoned = await client.PollAsync(
            () => OrderEventsQueue.ReadAsync(host, OrderEventsQueue.QueueName + "-poison"),
            messages => messages.Count > 0,
            _ => $"The bad message did not reach {OrderEventsQueue.QueueName}-poison within " +
                $"{HostClient.SettleDeadline}.");

        Assert.Equal("ord-poison", Assert.Single(poisoned).GetProperty("orderId").GetString());
        Assert.Equal(0, await OrderEventsQueue.CountAsync(host));
        using var shipment = await client.SendAsync(HttpMethod.Get, "/api/shipments/ord-poison");
        Assert.Equal(HttpStatusCode.NotFound, shipment.StatusCode);
    }
}
