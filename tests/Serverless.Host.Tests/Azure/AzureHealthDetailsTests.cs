using Serverless.Host.Tests.Operations;

namespace Serverless.Host.Tests.Azure;

/// <summary>
/// <c>/api/health/details</c> on a host whose storage is Azure Tables and Queues (Azurite): the split of each queue's
/// depth is flagged approximate there, a pending timer is still scheduled, not ready, and the requests the Azure SDK
/// sends are counted.
/// </summary>
[Collection(AzureHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureHealthDetailsTests(AzureHostFixture fixture)
{
    [Fact]
    public Task A_pending_approval_timer_counts_as_scheduled_and_the_split_is_flagged_approximate() =>
        HealthDetailsTests.AssertTimerIsScheduledAsync(fixture.Client, "azure-health", approximate: true);

    [Fact]
    public Task Azure_storage_requests_are_counted_per_operation_and_grow_with_an_order() =>
        HealthDetailsTests.AssertRequestsGrowAsync(fixture.Client, "azure-requests");
}
