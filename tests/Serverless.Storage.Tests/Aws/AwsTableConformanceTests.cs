using Serverless.Storage.Tests.Conformance;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

/// <summary>The shared table suite on DynamoDB Local, each test in a physical table of its own.</summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsTableConformanceTests(DynamoDbLocalFixture dynamoDb, FauxqsFixture sqs) : TableConformanceTests
{
    protected override IStorageProvider CreateProvider(TimeProvider time) =>
        AwsStorage.CreateProvider(dynamoDb, sqs, time);
}
