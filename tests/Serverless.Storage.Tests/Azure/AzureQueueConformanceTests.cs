using Serverless.Storage.Queues;
using Serverless.Storage.Tests.Conformance;
using Serverless.Testing.Azurite;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureQueueConformanceTests(AzuriteFixture azurite) : QueueConformanceTests
{
    /// <summary>
    /// Storage Queues assign message ids; the poison copy is a new message, as in the Functions host.
    /// </summary>
    protected override bool PoisonCopyKeepsMessageId => false;

    protected override bool DepthIsApproximate => true;

    private readonly string _prefix = AzuriteStorage.UniquePrefix();

    protected override IStorageProvider CreateProvider(TimeProvider time, QueueOptions queueOptions) =>
        AzuriteStorage.CreateProvider(azurite, time, queueOptions, _prefix);

    // The shared holder tests release at once what was just received: that needs the receipts written at the receive.
    // What the default (recorded once held past a renewal) does is pinned by AzureReceiptLedgerTests.
    protected override IStorageProvider CreateWorkerProvider(string workerId) =>
        AzuriteStorage.CreateProvider(
            azurite,
            Time,
            new QueueOptions { MaxDequeueCount = MaxDequeueCount, WorkerId = workerId },
            _prefix,
            recordReceiptsOnReceive: true);
}
