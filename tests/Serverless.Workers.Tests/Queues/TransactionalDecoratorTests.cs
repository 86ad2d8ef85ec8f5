using Serverless.Storage;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;
using Serverless.Workers.Leases;
using Serverless.Workers.Queues;
using Xunit;

namespace Serverless.Workers.Tests.Queues;

/// <summary>
/// The runtime's decorators (signalling, lease-gated) are transactional exactly when the provider they decorate is
/// (<see cref="ITransactionalStorage"/>, on SQLite).
/// </summary>
public sealed class TransactionalDecoratorTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_signaling_decorator_passes_the_capability_through_and_wakes_pollers_of_sent_queues()
    {
        var signals = new QueueSignals();
        var decorated = new SignalingStorageProvider(_database.CreateProvider(), signals);
        var woken = signals.Arm("work");

        await Assert.IsAssignableFrom<ITransactionalStorage>(decorated.AsTransactional())
            .ExecuteBatchAndSendAsync(
                "orders",
                [TableOperation.Upsert(new TableEntity("p", "r"))],
                [new QueueSend("work", "a")]);

        Assert.True(woken.IsCompleted);
    }

    [Fact]
    public async Task The_host_chain_of_decorators_keeps_the_capability()
    {
        var provider = _database.CreateProvider();
        var identity = new WorkerIdentity("worker-1", "test-machine", 0, null, null);
        var lease = new WorkerLeaseKeeper(
            provider.GetTable(WorkerLeaseOptions.TableName),
            provider,
            identity,
            new WorkerLeaseOptions(),
            TimeProvider.System);
        var host = new SignalingStorageProvider(new LeaseGatedStorageProvider(provider, lease), new QueueSignals());

        await Assert.IsAssignableFrom<ITransactionalStorage>(host.AsTransactional())
            .ExecuteBatchAndSendAsync(
                "orders",
                [TableOperation.Upsert(new TableEntity("p", "r"))],
                [new QueueSend("work", "a")]);

        Assert.NotNull(await provider.GetTable("orders").GetAsync("p", "r"));
        Assert.Equal(1, await provider.GetQueue("work").CountAsync());
    }

    [Fact]
    public void A_provider_that_cannot_write_atomically_is_not_offered_as_transactional()
    {
        var decorated = new SignalingStorageProvider(new InMemoryStorageProvider(), new QueueSignals());

        Assert.Null(decorated.AsTransactional());
        Assert.Null(new LeaseGatedStorageProvider(new InMemoryStorageProvider(), null!).AsTransactional());
        Assert.Null(new InMemoryStorageProvider().AsTransactional());
    }
}
