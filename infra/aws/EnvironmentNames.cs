namespace Serverless.Infra.Aws;

/// <summary>
/// The function's environment: the host's AWS storage settings (<c>Serverless:Aws:...</c>, read by
/// AwsStorageConnection; the tests check the names against it). Lambda sets <c>AWS_REGION</c> itself and reserves it.
/// </summary>
internal static class EnvironmentNames
{
    public const string TableName = "Serverless__Aws__TableName";

    public const string QueuePrefix = "Serverless__Aws__QueuePrefix";

    public const string Region = "Serverless__Aws__Region";
}
