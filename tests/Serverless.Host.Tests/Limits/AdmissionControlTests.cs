using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Limits;

/// <summary>
/// Admission control in the real host, on its default bound (the kit's hosts run without it; this one turns it on):
/// a flood of orders is refused with 503 and <c>Retry-After</c> once work waits too long for a worker, the refused
/// orders leave nothing behind, and every accepted order settles.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Load)]
public sealed class AdmissionControlTests(AdmissionControlTests.FloodedHostFixture fixture, ITestOutputHelper output)
    : IClassFixture<AdmissionControlTests.FloodedHostFixture>
{
    private const int Clients = 48;
    private static readonly TimeSpan FloodDeadline = TimeSpan.FromSeconds(90);

    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task A_flood_of_orders_is_refused_with_503_and_every_accepted_order_still_settles()
    {
        var sku = TestIds.Sku("flood");
        await _client.SetStockAsync(sku, 1_000_000, 1.00m);

        // Warm first, so that what is refused is the flood and not a cold process's first orders (a JIT-compiling host
        // can be behind by more than the bound for a moment: it says so, and this client comes back when it is told).
        for (var i = 0; i < 10; i++)
        {
            var warm = await PlaceWhenAdmittedAsync(OrderRequests.Body("warm-up", sku, 1, Tokens.Visa));
            await _client.WaitUntilSettledAsync(warm);
        }

        var accepted = new ConcurrentBag<string>();
        var refusals = new ConcurrentBag<HttpResponseMessage>();
        using var flood = new CancellationTokenSource(FloodDeadline);

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            while (refusals.IsEmpty && !flood.IsCancellationRequested)
            {
                var response = await _client.PostOrderAsync(
                    OrderRequests.Body($"flood-{client}", sku, 1, Tokens.Visa));
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Add((await _client.ExpectAsync<OrderAcceptedDto>(response, HttpStatusCode.Accepted))
                        .OrderId);
                }
                else
                {
                    refusals.Add(response);
                }
            }
        }));

        Assert.False(refusals.IsEmpty, $"{accepted.Count} orders in {FloodDeadline} and none refused.");
        var refused = refusals.First();
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable, _client.Host);
        var detail = problem.GetProperty("detail").GetString();
        output.WriteLine($"{accepted.Count} orders accepted, then: {detail}");
        Assert.Contains("The host is behind", detail, StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "No Retry-After on the 503.");
        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));

        // Reads go on while the host is behind; then every accepted order settles, and no refused one was written.
        await _client.GetOrderAsync(accepted.First());
        foreach (var orderId in accepted)
        {
            Assert.Equal(OrderStatuses.Confirmed, (await _client.WaitUntilSettledAsync(orderId)).Status);
        }

        var written = (await _client.ListAllOrdersAsync())
            .Where(o => o.CustomerId.StartsWith("flood-", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(accepted.Count, written.Count);
        foreach (var response in refusals)
        {
            response.Dispose();
        }
    }

    private async Task<string> PlaceWhenAdmittedAsync(string body)
    {
        var deadline = DateTime.UtcNow + HostClient.SettleDeadline;
        while (true)
        {
            using var response = await _client.PostOrderAsync(body);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return (await _client.ExpectAsync<OrderAcceptedDto>(response, HttpStatusCode.Accepted)).OrderId;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    public sealed class FloodedHostFixture : HostFixture
    {
        protected override string Name => "flood";

        // The test kit's hosts run without admission control; this one runs with the default.
        protected override string[] Arguments => ["--Serverless:Admission:Enabled=true"];
    }
}
