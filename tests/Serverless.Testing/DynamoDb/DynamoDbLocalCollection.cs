using Serverless.Testing.Sqs;
using Xunit;

namespace Serverless.Testing.DynamoDb;

/// <summary>
/// The tests of a project that run on the AWS emulators share one DynamoDB Local and one fauxqs (SQS) per test run;
/// each works in its own table and under its own queue prefix.
/// xunit finds collection definitions only in the test assembly, so each such project compiles this file in.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DynamoDbLocalCollection
    : ICollectionFixture<DynamoDbLocalFixture>, ICollectionFixture<FauxqsFixture>
{
    public const string Name = "DynamoDB Local";
}
