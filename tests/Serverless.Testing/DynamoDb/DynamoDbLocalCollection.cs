using Xunit;

namespace Serverless.Testing.DynamoDb;

/// <summary>
/// The tests of a project that run on DynamoDB share one DynamoDB Local per test run; each works in its own table.
/// xunit finds collection definitions only in the test assembly, so each such project compiles this file in.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DynamoDbLocalCollection : ICollectionFixture<DynamoDbLocalFixture>
{
    public const string Name = "DynamoDB Local";
}
