using Microsoft.Extensions.DependencyInjection;
using Serverless.Storage.Azure;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Storage.Workers;
using Serverless.Testing.Azurite;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

/// <summary>
/// The receipt ledger by default: a message a worker settles quickly costs no ledger request; one its handler holds
/// past the first renewal is recorded, so a dead worker's long-held messages are still released at once.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureReceiptLedgerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_message_settled_before_its_first_renewal_costs_only_its_receive_and_its_delete()
    {
        await using var services = AzureRequestCountTests.Services(azurite, "worker-quick");
        var storage = services.GetRequiredService<AzureStorageProvider>();
        var counter = services.GetRequiredService<StorageRequestCounter>();
        var queue = storage.GetQueue("quick");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("m");
        var before = counter.Snapshot();

        var received = Assert.Single(await queue.ReceiveAsync(1, VisibilityTimeout));
        Assert.True(await queue.CompleteAsync(received));

        Assert.Equal(
            new Dictionary<string, long> { ["queue.delete"] = 1, ["queue.receive"] = 1 },
            Difference(before, counter.Snapshot()));
        Assert.Equal(0, await storage.CountHeldAsync("worker-quick"));
    }

    [Fact]
    public async Task A_message_held_past_its_first_renewal_is_recorded_and_released_at_once_when_its_worker_dies()
    {
        var prefix = AzuriteStorage.UniquePrefix();
        var dead = AzuriteStorage.CreateProvider(
            azurite, queueOptions: new QueueOptions { WorkerId = "dead" }, prefix: prefix);
        var survivor = AzuriteStorage.CreateProvider(
            azurite, queueOptions: new QueueOptions { WorkerId = "survivor" }, prefix: prefix);
        var queue = dead.GetQueue("slow");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("m");
        var held = Assert.Single(await queue.ReceiveAsync(1, VisibilityTimeout));
        Assert.Equal(0, await survivor.CountHeldAsync("dead"));

        await Eventually.ValueAsync(
            () => survivor.CountHeldAsync("dead"),
            count => count == 1,
            "the message held past its first renewal is in the ledger");
        Assert.Equal(1, await ((IHeldMessages)survivor).ReleaseAsync("dead"));

        var taken = Assert.Single(await survivor.GetQueue("slow").ReceiveAsync(1, VisibilityTimeout));
        Assert.Equal((held.MessageId, 2), (taken.MessageId, taken.DequeueCount));
        Assert.False(await queue.CompleteAsync(held));
        Assert.True(await survivor.GetQueue("slow").CompleteAsync(taken));
    }

    [Fact]
    public async Task A_recorded_message_leaves_the_ledger_when_its_worker_completes_it()
    {
        var storage = AzuriteStorage.CreateProvider(azurite, queueOptions: new QueueOptions { WorkerId = "slow" });
        var queue = storage.GetQueue("slow");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("m");
        var held = Assert.Single(await queue.ReceiveAsync(1, VisibilityTimeout));
        await Eventually.ValueAsync(() => storage.CountHeldAsync("slow"), count => count == 1, "it is recorded");

        Assert.True(await queue.CompleteAsync(held));

        Assert.Equal(0, await storage.CountHeldAsync("slow"));
        Assert.Empty(await storage.ListHoldersAsync());
    }

    private static Dictionary<string, long> Difference(
        IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Where(a => a.Value != before.GetValueOrDefault(a.Key))
            .ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));
}
