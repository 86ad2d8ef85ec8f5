namespace Serverless.Testing;

/// <summary>The Native AOT host published with DynamoDB and SQS built in (<c>-p:Cloud=Aws</c>).</summary>
public sealed class AwsAotPublishFixture() : AotPublishFixture(["-p:Cloud=Aws"]);
