using Serverless.Storage.Aws;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Testing.DynamoDb;

namespace Serverless.Testing.Sqs;

/// <summary>
/// AWS storage providers on the shared emulators (DynamoDB Local and fauxqs), each in a fresh DynamoDB table and under
/// a fresh queue prefix unless given, so empty.
/// </summary>
public static class AwsStorage
{
    /// <summary>
    /// A provider on the emulators; with <paramref name="fakeTime"/>, fauxqs's clock follows it and the provider
    /// runs on it; with <paramref name="counter"/>, both clients count their requests on it.
    /// </summary>
    public static AwsStorageProvider CreateProvider(
        DynamoDbLocalFixture dynamoDb,
        FauxqsFixture sqs,
        TimeProvider? fakeTime = null,
        QueueOptions? queueOptions = null,
        string? tableName = null,
        string? queuePrefix = null,
        bool recordReceiptsOnReceive = false,
        StorageRequestCounter? counter = null)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        var connection = Connection(sqs, queuePrefix);
        var client = fakeTime is null
            ? SqsClients.Create(connection, counter, DynamoDbLocalStorage.Credentials)
            : new FauxqsClockClient(
                fakeTime,
                DynamoDbLocalStorage.Credentials,
                SqsClients.Config(connection),
                counter);
        return new AwsStorageProvider(
            DynamoDbLocalStorage.CreateStore(dynamoDb, fakeTime, counter, tableName),
            client,
            connection,
            new AwsStorageOptions
            {
                Queues = queueOptions ?? new QueueOptions(),
                RecordReceiptsOnReceive = recordReceiptsOnReceive,
            },
            fakeTime);
    }

    /// <summary>The queue settings of <paramref name="sqs"/> under <paramref name="queuePrefix"/> (fresh when absent).
    /// </summary>
    public static SqsConnection Connection(FauxqsFixture sqs, string? queuePrefix = null)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        return new() { ServiceUrl = sqs.ServiceUrl, Region = "us-east-1", QueuePrefix = queuePrefix ?? UniquePrefix() };
    }

    /// <summary>A queue prefix no other test uses.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
