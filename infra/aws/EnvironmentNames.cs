namespace Serverless.Infra.Aws;

/// <summary>
/// The function's environment: configuration keys of the host's AWS storage (<c>Storage:Aws:...</c>, as
/// DynamoDbConnection and SqsConnection name them). Lambda sets <c>AWS_REGION</c> itself and reserves it.
/// </summary>
internal static class EnvironmentNames
{
    public const string TableName = "Storage__Aws__TableName";

    public const string QueuePrefix = "Storage__Aws__QueuePrefix";

    public const string Region = "Storage__Aws__Region";
}
