using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;
using Serverless.Testing.Azurite;

namespace Serverless.Durable.Tests;

/// <summary>The listing tests on Azure Tables and Queues (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureInstanceListingTests(AzuriteFixture azurite) : InstanceListingTests
{
    private protected override TestHub CreateHub(Action<DurableTaskRegistry> register)
    {
        var prefix = AzuriteStorage.UniquePrefix();
        return new TestHub(register, storage: hub => AzuriteStorage.CreateProvider(azurite, hub.Time, prefix: prefix));
    }
}
