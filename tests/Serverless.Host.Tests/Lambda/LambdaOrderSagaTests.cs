namespace Serverless.Host.Tests.Lambda;

/// <summary>
/// <see cref="OrderSagaTests"/> on the AOT host in Lambda mode: orders placed and read through HTTP API events, sagas
/// driven by SQS batches as an event source mapping delivers them.
/// </summary>
[Collection(LambdaHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Aws)]
[Trait(Tier.Trait, Tier.Publish)]
public sealed class LambdaOrderSagaTests(LambdaHostFixture fixture) : OrderSagaScenarios(fixture);
