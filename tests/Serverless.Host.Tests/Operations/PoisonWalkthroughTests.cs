using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Operations;

/// <summary>
/// The "To see a poison message" walkthrough of docs/api.md runs as written, through HTTP only, on a host started with
/// exactly the arguments the document gives (read from it): the fault knob
/// <c>--Orders:Fulfilment:SimulatedFailures=N</c> fails every delivery of the order's <c>OrderConfirmed</c>, so it is
/// listed in <c>order-events-poison</c> (a new message there: dequeue count 0) and the order has no shipment;
/// re-queued, its next delivery creates the shipment and the poison queue is empty again.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed partial class PoisonWalkthroughTests
{
    private const int MaxDequeueCount = 5;
    private const string PoisonQueue = "order-events-poison";
    private const string Routes = "runtime/webhooks/queues/poison";

    [Fact]
    public async Task The_documented_knob_poisons_an_orders_OrderConfirmed_and_once_requeued_it_ships_the_order()
    {
        var (arguments, failures) = DocumentedStart();
        Assert.True(failures >= MaxDequeueCount, $"N = {failures} is under maxDequeueCount: nothing is poisoned.");
        await using var host = await HostProcess.StartAsync("poison-walkthrough", arguments);
        using var client = new HostClient(host);
        var sku = TestIds.Sku("poison-walk");
        await client.SetStockAsync(sku, 10, 12.50m);

        var orderId = (await client.PlaceOrderAsync(TestIds.Customer("poison-walk"), sku, 1, Tokens.Visa)).OrderId;
        var queues = await Eventually.ValueAsync(
            () => GetAsync<List<PoisonQueueDto>>(client, Routes),
            q => q.Any(p => p is { Queue: PoisonQueue, Count: > 0 }),
            $"{PoisonQueue} lists the order's OrderConfirmed");
        var listed = await GetAsync<PoisonMessagesDto>(client, $"{Routes}/{PoisonQueue}");
        using var noShipment = await client.SendAsync(HttpMethod.Get, $"api/shipments/{orderId}");

        Assert.Equal(new PoisonQueueDto(PoisonQueue, "order-events", 1), queues.Single(q => q.Queue == PoisonQueue));
        var message = Assert.Single(listed.Messages);
        var body = Json.Deserialize<JsonElement>(message.Body);
        // A new message in the poison queue, as on Azure: its own count (0), not the failed deliveries of order-events.
        Assert.Equal(
            ("OrderConfirmed", orderId, 0),
            (body.GetProperty("type").GetString(), body.GetProperty("orderId").GetString(), message.DequeueCount));
        Assert.Equal(OrderStatuses.Confirmed, (await client.GetOrderAsync(orderId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, noShipment.StatusCode);

        using var requeue = await client.SendAsync(HttpMethod.Post, $"{Routes}/{PoisonQueue}/requeue");
        Assert.Equal(
            new RequeueDto(1, "order-events", 0),
            await client.ExpectAsync<RequeueDto>(requeue, HttpStatusCode.OK));
        var shipped = await Eventually.ValueAsync(
            async () =>
            {
                using var response = await client.SendAsync(HttpMethod.Get, $"api/shipments/{orderId}");
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            r => r.StatusCode == HttpStatusCode.OK,
            $"the re-queued OrderConfirmed creates the shipment of {orderId}");

        Assert.Equal(orderId, Json.Deserialize<JsonElement>(shipped.Body).GetProperty("orderId").GetString());
        Assert.Empty((await GetAsync<PoisonMessagesDto>(client, $"{Routes}/{PoisonQueue}")).Messages);
    }

    /// <summary>The arguments docs/api.md starts the host with in its walkthrough, and the knob's N.</summary>
    private static (string[] Arguments, int Failures) DocumentedStart()
    {
        var api = File.ReadAllText(RepositoryRoot.Combine("docs", "api.md"));
        var start = DocumentedArguments().Match(api);
        Assert.True(start.Success, "docs/api.md no longer starts the host with --Orders:Fulfilment:SimulatedFailures.");
        return (
            start.Groups["arguments"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            int.Parse(start.Groups["failures"].Value, CultureInfo.InvariantCulture));
    }

    private static async Task<T> GetAsync<T>(HostClient client, string path)
    {
        using var response = await client.SendAsync(HttpMethod.Get, path);
        return await client.ExpectAsync<T>(response, HttpStatusCode.OK);
    }

    // The host's arguments after `--`, on the line that follows the walkthrough's `dotnet run ... -- \`.
    [GeneratedRegex(
        @"-c Release -- \\\n\s*(?<arguments>--Orders:Fulfilment:SimulatedFailures=(?<failures>\d+)(?: --\S+)*) &\n")]
    private static partial Regex DocumentedArguments();
}
