using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Serverless.Storage.Aws;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Diagnostics;

namespace Serverless.Testing.DynamoDb;

/// <summary>Table stores on the shared DynamoDB Local, each in a fresh physical table, so empty.</summary>
public static class DynamoDbLocalStorage
{
    /// <summary>
    /// The emulator accepts any credentials; these are test-only placeholders, handed to the client here so that no
    /// test depends on the machine's AWS settings.
    /// </summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("test", "test");

    /// <summary>A client on <paramref name="dynamoDb"/>, counting on <paramref name="counter"/> when given.</summary>
    public static IAmazonDynamoDB CreateClient(DynamoDbLocalFixture dynamoDb, StorageRequestCounter? counter = null)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        return DynamoDbClients.Create(Connection(dynamoDb), counter, Credentials);
    }

    /// <summary>
    /// A store on <paramref name="dynamoDb"/> in the physical table <paramref name="tableName"/> (fresh when absent),
    /// stamping writes with <paramref name="time"/>, counting requests on <paramref name="counter"/> when given.
    /// </summary>
    public static DynamoDbTableStore CreateStore(
        DynamoDbLocalFixture dynamoDb,
        TimeProvider? time = null,
        StorageRequestCounter? counter = null,
        string? tableName = null) =>
        new(CreateClient(dynamoDb, counter), tableName ?? UniqueTableName(), time);

    /// <summary>The connection settings of <paramref name="dynamoDb"/> (never credentials: they stay out).</summary>
    public static DynamoDbConnection Connection(DynamoDbLocalFixture dynamoDb, string? tableName = null) => new()
    {
        ServiceUrl = dynamoDb.ServiceUrl,
        Region = "us-east-1",
        TableName = tableName ?? UniqueTableName(),
    };

    /// <summary>A physical table name no other test uses.</summary>
    public static string UniqueTableName() => "t" + Guid.NewGuid().ToString("N")[..12];
}
