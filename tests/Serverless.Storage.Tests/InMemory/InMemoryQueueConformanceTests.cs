using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Storage.Tests.Conformance;

namespace Serverless.Storage.Tests.InMemory;

public sealed class InMemoryQueueConformanceTests : QueueConformanceTests
{
    protected override IStorageProvider CreateProvider(TimeProvider time, QueueOptions queueOptions) =>
        new InMemoryStorageProvider(time, queueOptions);

    protected override IStorageProvider CreateWorkerProvider(string workerId) =>
        ((InMemoryStorageProvider)Provider).AsWorker(workerId);
}
