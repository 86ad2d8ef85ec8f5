using Serverless.Testing.DynamoDb;

namespace Serverless.Testing.Sqs;

/// <summary>
/// The environment that points a host process at the AWS emulators, the AWS way: the table setting that chooses the
/// backend, the SDKs' standard endpoint variables, a region, and the emulators' placeholder credentials (test only).
/// </summary>
public static class AwsHostLaunch
{
    /// <summary>A launch on <paramref name="dynamoDb"/> and <paramref name="sqs"/>, in a table and under a queue prefix
    /// of its own unless given.</summary>
    public static HostLaunch Create(
        DynamoDbLocalFixture dynamoDb,
        FauxqsFixture sqs,
        string? name = null,
        string? executable = null)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentNullException.ThrowIfNull(sqs);
        name ??= AwsStorage.UniquePrefix();
        return new HostLaunch(
            Executable: executable,
            Environment: new Dictionary<string, string>
            {
                ["Serverless__Aws__TableName"] = name,
                ["Serverless__Aws__QueuePrefix"] = name,
                ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.ServiceUrl.ToString(),
                ["AWS_ENDPOINT_URL_SQS"] = sqs.ServiceUrl.ToString(),
                ["AWS_REGION"] = "us-east-1",
                ["AWS_ACCESS_KEY_ID"] = "test",
                ["AWS_SECRET_ACCESS_KEY"] = "test",
            });
    }
}
