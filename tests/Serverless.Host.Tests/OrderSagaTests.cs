using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// The saga's outcomes for orders below the approval threshold, observed over HTTP only (and the event queue).
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class OrderSagaTests(SharedHostFixture fixture) : OrderSagaScenarios(fixture);
