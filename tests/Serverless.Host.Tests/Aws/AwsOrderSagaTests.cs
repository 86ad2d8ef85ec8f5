namespace Serverless.Host.Tests.Aws;

/// <summary><see cref="OrderSagaTests"/> on a host whose storage is DynamoDB and SQS (DynamoDB Local and fauxqs).
/// </summary>
[Collection(AwsHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsOrderSagaTests(AwsHostFixture fixture) : OrderSagaScenarios(fixture);
