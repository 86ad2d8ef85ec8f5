using Serverless.Host.Tests.Operations;

namespace Serverless.Host.Tests.Azure;

/// <summary>
/// <c>/api/health/details</c> on a host whose storage is Azure Tables and Queues (Azurite): the split of each queue's
/// depth is flagged approximate there, and a pending timer is still scheduled, not ready.
/// </summary>
[Collection(AzureHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureHealthDetailsTests(AzureHostFixture fixture)
{
    [Fact]
    public Task A_pending_approval_timer_counts_as_scheduled_and_the_split_is_flagged_approximate() =>
        HealthDetailsTests.AssertTimerIsScheduledAsync(fixture.Client, "azure-health", approximate: true);
}
