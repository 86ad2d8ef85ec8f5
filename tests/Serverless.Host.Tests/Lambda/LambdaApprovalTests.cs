namespace Serverless.Host.Tests.Lambda;

/// <summary><see cref="ApprovalTests"/> on the AOT host in Lambda mode, through HTTP API events and SQS batches.
/// </summary>
[Collection(LambdaHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Aws)]
[Trait(Tier.Trait, Tier.Publish)]
public sealed class LambdaApprovalTests(LambdaHostFixture fixture) : ApprovalScenarios(fixture);
