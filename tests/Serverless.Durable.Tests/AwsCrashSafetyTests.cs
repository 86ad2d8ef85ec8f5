using Serverless.Durable.Tests.Support;
using Serverless.Storage.Queues;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;

namespace Serverless.Durable.Tests;

/// <summary>
/// Every crash-safety test again with the engine on DynamoDB and SQS (DynamoDB Local and fauxqs, whose clock follows
/// the hub's fake clock): a crash at any storage call loses nothing and applies no effect twice on that backend too.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsCrashSafetyTests(DynamoDbLocalFixture dynamoDb, FauxqsFixture sqs) : CrashSafetyTests
{
    private protected override TestHub CreateHub()
    {
        var prefix = AwsStorage.UniquePrefix();
        return new TestHub(Register, storage: hub =>
            AwsStorage.CreateProvider(
                dynamoDb,
                sqs,
                hub.Time,
                new QueueOptions { MaxDequeueCount = hub.MaxDequeueCount },
                tableName: prefix,
                queuePrefix: prefix));
    }
}
