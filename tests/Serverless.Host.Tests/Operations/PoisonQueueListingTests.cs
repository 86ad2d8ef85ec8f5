using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Operations;

/// <summary>
/// The poison queues docs/api.md names: one per work queue of the host, its name + <c>-poison</c>, each with the queue
/// it belongs to.
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class PoisonQueueListingTests(SharedHostFixture fixture)
{
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task The_poison_queues_are_those_of_the_task_hub_the_stock_and_payment_activities_and_order_events()
    {
        string[] workQueues = ["durable-activities", "durable-orchestrations", "inventory", "order-events", "payments"];

        using var response = await _client.SendAsync(HttpMethod.Get, "runtime/webhooks/queues/poison");
        var queues = await _client.ExpectAsync<List<PoisonQueueDto>>(response, HttpStatusCode.OK);

        Assert.Equal(
            workQueues.Select(q => (q + "-poison", q)),
            queues.Select(q => (q.Queue, q.OriginalQueue)));
    }
}
