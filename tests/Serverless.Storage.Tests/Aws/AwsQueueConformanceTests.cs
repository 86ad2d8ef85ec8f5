using Serverless.Storage.Queues;
using Serverless.Storage.Tests.Conformance;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

/// <summary>
/// The shared queue suite on fauxqs (SQS) and DynamoDB Local, each test under a queue prefix and in a table of its
/// own; fauxqs's clock follows the test's.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsQueueConformanceTests(DynamoDbLocalFixture dynamoDb, FauxqsFixture sqs) : QueueConformanceTests
{
    private readonly string _tableName = DynamoDbLocalStorage.UniqueTableName();
    private readonly string _prefix = AwsStorage.UniquePrefix();

    /// <summary>SQS counts a queue's messages only approximately, and its peek is a receive that does not say when a
    /// message became visible.</summary>
    protected override bool DepthIsApproximate => true;

    protected override IStorageProvider CreateProvider(TimeProvider time, QueueOptions queueOptions) =>
        AwsStorage.CreateProvider(dynamoDb, sqs, time, queueOptions, _tableName, _prefix);

    // The shared holder tests release at once what was just received: that needs the receipts written at the receive.
    // What the default (recorded once held past a renewal) does is pinned by AwsReceiptLedgerTests.
    protected override IStorageProvider CreateWorkerProvider(string workerId) =>
        AwsStorage.CreateProvider(
            dynamoDb,
            sqs,
            Time,
            new QueueOptions { MaxDequeueCount = MaxDequeueCount, WorkerId = workerId },
            _tableName,
            _prefix,
            recordReceiptsOnReceive: true);
}
