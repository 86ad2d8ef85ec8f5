namespace Serverless.Host.Tests.Aws;

/// <summary><see cref="ApprovalTests"/> on a host whose storage is DynamoDB and SQS (DynamoDB Local, fauxqs).</summary>
[Collection(AwsHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsApprovalTests(AwsHostFixture fixture) : ApprovalScenarios(fixture);
