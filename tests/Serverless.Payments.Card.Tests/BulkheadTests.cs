using Polly.RateLimiting;
using Serverless.Payments.Card.Tests.Support;

namespace Serverless.Payments.Card.Tests;

/// <summary>
/// The bulkhead: at most <c>MaxConcurrency</c> requests reach the provider at once, at most <c>QueueLimit</c> more wait
/// for a permit, and the rest fail fast as transient without reaching it.
/// </summary>
public sealed class BulkheadTests
{
    [Fact]
    public async Task At_most_MaxConcurrency_requests_are_in_flight_QueueLimit_wait_and_the_rest_fail_fast()
    {
        using var card = CardClient.Start(o =>
        {
            o.MaxConcurrency = 2;
            o.QueueLimit = 1;
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.TotalTimeout = TimeSpan.FromSeconds(60);
        });
        card.Provider.Hold();

        var charges = Enumerable.Range(0, 6)
            .Select(i => card.Client.ChargeAsync(100, "tok_visa", $"order-{i}", $"order-{i}:charge"))
            .ToList();
        await Eventually.TrueAsync(() => card.Provider.InFlight == 2, "two requests are held at the provider");
        // Three found neither a permit nor a place in the queue: they end while the others are still held.
        await Eventually.TrueAsync(() => charges.Count(c => c.IsCompleted) == 3, "the overflow fails fast");
        var refused = charges.Where(c => c.IsCompleted).ToList();
        card.Provider.Release();
        var done = await Task.WhenAll(charges.Where(c => !refused.Contains(c))).WithDeadline("the held charges end");

        Assert.All(refused, c => Assert.IsType<RateLimiterRejectedException>(
            Assert.IsType<CardProviderUnavailableException>(c.Exception?.InnerException).InnerException));
        Assert.All(done, c => Assert.Equal("succeeded", c.Status));
        Assert.Equal((2, 3, 3), (card.Provider.MaxInFlight, card.Provider.Calls.Count, card.Provider.Charges.Count));
    }
}
