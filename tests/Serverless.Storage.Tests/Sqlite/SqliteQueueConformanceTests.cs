using Serverless.Storage.Queues;
using Serverless.Storage.Tests.Conformance;

namespace Serverless.Storage.Tests.Sqlite;

public sealed class SqliteQueueConformanceTests : QueueConformanceTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override IStorageProvider CreateProvider(TimeProvider time, QueueOptions queueOptions) =>
        _database.CreateProvider(time, queueOptions);

    protected override IStorageProvider CreateWorkerProvider(string workerId) =>
        _database.CreateProvider(Time, new QueueOptions { MaxDequeueCount = MaxDequeueCount, WorkerId = workerId });
}
