using Serverless.Durable.Tests.Support;
using Serverless.Storage.Queues;
using Serverless.Testing.Azurite;

namespace Serverless.Durable.Tests;

/// <summary>
/// Every crash-safety test again with the engine on Azure Tables and Queues (Azurite, whose clock follows the hub's
/// fake clock): a crash at any storage call loses nothing and applies no effect twice on that backend too.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureCrashSafetyTests(AzuriteFixture azurite) : CrashSafetyTests
{
    private protected override TestHub CreateHub()
    {
        var prefix = AzuriteStorage.UniquePrefix();
        return new TestHub(Register, storage: hub =>
            AzuriteStorage.CreateProvider(
                azurite,
                hub.Time,
                new QueueOptions { MaxDequeueCount = hub.MaxDequeueCount },
                prefix));
    }
}
