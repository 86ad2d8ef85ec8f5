namespace Serverless.Host.Tests.Azure;

/// <summary><see cref="ApprovalTests"/> on a host whose storage is Azure Tables and Queues (Azurite).</summary>
[Collection(AzureHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureApprovalTests(AzureHostFixture fixture) : ApprovalScenarios(fixture);
