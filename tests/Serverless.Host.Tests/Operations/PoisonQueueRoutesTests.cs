using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;

namespace Serverless.Host.Tests.Operations;

/// <summary>
/// The poison-queue routes, on an order whose approval-timeout wake-up failed into the poison queue: it is listed and
/// inspected, and once re-queued the order completes (cancelled for want of approval, its stock released).
/// </summary>
/// <remarks>
/// The failing deliveries are made by the test on the stopped host's SQLite file, exactly as a host whose episodes
/// kept failing would make them: received and abandoned until the next receive moves the message to the poison queue.
/// The sweep is off (<c>SweepInterval</c> 1 h), since it would otherwise wake the stuck order on its own.
/// </remarks>
[Trait(Tier.Trait, Tier.Process)]
public sealed class PoisonQueueRoutesTests
{
    private const string OrchestrationQueue = "durable-orchestrations";
    private const string PoisonQueue = OrchestrationQueue + "-poison";
    private const string Routes = "runtime/webhooks/queues/poison";

    private static readonly string[] Arguments =
        ["--Orders:ApprovalTimeout=00:00:02", "--Durable:SweepInterval=01:00:00", "--Durable:SweepGrace=01:00:00"];

    [Fact]
    public async Task A_poisoned_wake_up_is_listed_and_inspected_and_once_requeued_its_order_completes()
    {
        await using var host = await HostProcess.StartAsync("poison-requeue", Arguments);
        using var client = new HostClient(host);
        var sku = TestIds.Sku("poison");
        await client.SetStockAsync(sku, 4, 700.00m);
        var accepted = await client.PlaceOrderAsync(TestIds.Customer("poison"), sku, 2, Tokens.Visa);
        Assert.Equal(OrderStatuses.AwaitingApproval, (await client.WaitUntilNotPendingAsync(accepted.OrderId)).Status);
        await host.KillAsync();

        var poisonedAt = DateTimeOffset.UtcNow;
        await FailUntilPoisonedAsync(host);
        await host.RestartAsync();

        var queues = await GetAsync<List<PoisonQueueDto>>(client, Routes);
        Assert.Contains(new PoisonQueueDto(PoisonQueue, OrchestrationQueue, 1), queues);
        Assert.All(queues.Where(q => q.Queue != PoisonQueue), q => Assert.Equal(0, q.Count));
        var listed = await GetAsync<PoisonMessagesDto>(client, $"{Routes}/{PoisonQueue}");
        var message = Assert.Single(listed.Messages);
        Assert.Equal((accepted.OrderId, OrchestrationQueue), (message.Body, message.OriginalQueue));
        var inspected = await GetAsync<QueueMessageDto>(client, $"{Routes}/{PoisonQueue}/messages/{message.Id}");
        Assert.Equal(message, inspected);
        Assert.InRange(inspected.InsertedAt, poisonedAt.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        var health = await RecoveryHealthAsync(client);
        Assert.Equal(
            ("Degraded", 1),
            (health.Status, health.Queues.Single(q => q.Name == OrchestrationQueue).PoisonCount));
        Assert.Equal(OrderStatuses.AwaitingApproval, (await client.GetOrderAsync(accepted.OrderId)).Status);

        using var requeue = await client.SendAsync(
            HttpMethod.Post,
            $"{Routes}/{PoisonQueue}/messages/{message.Id}/requeue");
        var requeued = await client.ExpectAsync<RequeueDto>(requeue, HttpStatusCode.OK);
        var order = await client.WaitUntilSettledAsync(accepted.OrderId);

        Assert.Equal(new RequeueDto(1, OrchestrationQueue, 0), requeued);
        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Approval timed out", order.Reason, StringComparison.Ordinal);
        Assert.Equal(new StockDto(sku, 4, 0, 0, 700.00m), await client.GetStockAsync(sku));
        Assert.Empty((await GetAsync<PoisonMessagesDto>(client, $"{Routes}/{PoisonQueue}")).Messages);
        Assert.Equal("Healthy", (await RecoveryHealthAsync(client)).Status);
    }

    [Fact]
    public async Task A_poison_message_can_be_deleted_and_unknown_queues_and_messages_are_404()
    {
        await using var host = await HostProcess.StartAsync("poison-delete");
        using var client = new HostClient(host);
        using (var storage = new SqliteStorageProvider(new SqliteStorageOptions { DataSource = DatabaseOf(host) }))
        {
            var poison = storage.GetQueue("order-events-poison");
            await poison.CreateIfNotExistsAsync();
            await poison.SendAsync("""{"type":"Unreadable"}""");
        }

        var message = Assert.Single((await GetAsync<PoisonMessagesDto>(
            client,
            $"{Routes}/order-events-poison")).Messages);
        using var deleted = await client.SendAsync(
            HttpMethod.Delete,
            $"{Routes}/order-events-poison/messages/{message.Id}");
        using var deletedAgain = await client.SendAsync(
            HttpMethod.Delete,
            $"{Routes}/order-events-poison/messages/{message.Id}");
        using var unknownQueue = await client.SendAsync(HttpMethod.Get, $"{Routes}/orders-poison");
        using var unknownMessage = await client.SendAsync(
            HttpMethod.Get,
            $"{Routes}/order-events-poison/messages/no-such-id");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(deletedAgain, HttpStatusCode.NotFound, host);
        await ProblemAssert.IsProblemAsync(unknownQueue, HttpStatusCode.NotFound, host);
        await ProblemAssert.IsProblemAsync(unknownMessage, HttpStatusCode.NotFound, host);
        Assert.Empty((await GetAsync<PoisonMessagesDto>(client, $"{Routes}/order-events-poison")).Messages);
    }

    /// <summary>
    /// Receives and abandons what the wake-up queue holds, as failing episodes would, until it lands in the poison
    /// queue.
    /// </summary>
    private static async Task FailUntilPoisonedAsync(HostProcess host)
    {
        using var storage = new SqliteStorageProvider(
            new SqliteStorageOptions { DataSource = DatabaseOf(host), Queues = { MaxDequeueCount = 5 } });
        var queue = storage.GetQueue(OrchestrationQueue);
        var poison = storage.GetQueue(StorageNames.PoisonQueueFor(OrchestrationQueue));
        var deadline = DateTime.UtcNow + HostClient.SettleDeadline;
        while (await poison.CountAsync() == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw host.Failure($"The wake-up did not reach {PoisonQueue} within {HostClient.SettleDeadline}.");
            }

            foreach (var message in await queue.ReceiveAsync(IQueueAdministration.MaxPeek, TimeSpan.FromSeconds(30)))
            {
                await queue.AbandonAsync(message, TimeSpan.Zero);
            }

            await Task.Delay(100);
        }
    }

    private static string DatabaseOf(HostProcess host) =>
        Path.Combine(host.DataDirectory, EmbeddedDatabaseFile.FileName);

    private static async Task<T> GetAsync<T>(HostClient client, string path)
    {
        using var response = await client.SendAsync(HttpMethod.Get, path);
        return await client.ExpectAsync<T>(response, HttpStatusCode.OK);
    }

    private static async Task<HealthDetailsDto> RecoveryHealthAsync(HostClient client)
    {
        using var response = await client.SendAsync(HttpMethod.Get, "api/health/details");
        return await client.ExpectAsync<HealthDetailsDto>(response, HttpStatusCode.OK);
    }
}
