using Serverless.Storage.Tests.Conformance;
using Serverless.Testing.Azurite;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureTableConformanceTests(AzuriteFixture azurite) : TableConformanceTests
{
    /// <summary>
    /// Azure Tables stamps writes with its own clock to 100 ns: within the millisecond of the test's clock on Azurite.
    /// </summary>
    protected override TimeSpan TimestampTolerance => TimeSpan.FromMilliseconds(1);

    protected override IStorageProvider CreateProvider(TimeProvider time) =>
        AzuriteStorage.CreateProvider(azurite, time);
}
