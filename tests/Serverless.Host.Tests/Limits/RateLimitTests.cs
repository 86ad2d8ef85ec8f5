using System.Net;
using Serverless.Host.Tests.Support;

namespace Serverless.Host.Tests.Limits;

/// <summary>Per-client rate limits in the real host, partitioned by the function key the host accepted.</summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class RateLimitTests(RateLimitTests.LimitedHostFixture fixture)
    : IClassFixture<RateLimitTests.LimitedHostFixture>
{
    private const string FunctionKey = "function-key-for-limits";
    private const string AdminKey = "admin-key-for-limits";
    private const int Burst = 3;

    [Fact]
    public async Task A_client_past_its_burst_gets_429_with_Retry_After_while_another_key_is_served()
    {
        using var client = new HostClient(fixture.Host, FunctionKey);
        using var admin = new HostClient(fixture.Host, AdminKey);
        for (var i = 0; i < Burst; i++)
        {
            using var served = await client.SendAsync(HttpMethod.Get, "api/orders");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        using var refused = await client.SendAsync(HttpMethod.Get, "api/orders");
        using var other = await admin.SendAsync(HttpMethod.Get, "api/orders");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, fixture.Host);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "No Retry-After on the 429.");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    public sealed class LimitedHostFixture : HostFixture
    {
        protected override string Name => "ratelimit";

        protected override string[] Arguments =>
        [
            $"--Serverless:FunctionKey={FunctionKey}",
            $"--Serverless:AdminKey={AdminKey}",
            "--Serverless:RateLimit:Enabled=true",
            $"--Serverless:RateLimit:TokenLimit={Burst}",
            "--Serverless:RateLimit:TokensPerPeriod=1",
            "--Serverless:RateLimit:ReplenishmentPeriod=01:00:00",
        ];
    }
}
