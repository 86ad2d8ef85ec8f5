namespace Serverless.Host.Tests.Aws;

/// <summary>The end-to-end scenarios that run a third time, on a host whose storage is DynamoDB and SQS.</summary>
[CollectionDefinition(Name)]
public sealed class AwsHostCollection : ICollectionFixture<AwsHostFixture>
{
    public const string Name = "AWS host";
}
