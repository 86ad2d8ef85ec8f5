using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Serverless.Http;

namespace Serverless.Hosting.Tests.Limits;

public sealed class ClientRateLimitTests
{
    private const string FunctionKey = "function-key-123";
    private const string AdminKey = "admin-key-456";

    // A bucket of two that refills once an hour: the third request in a test is always over the limit.
    private static readonly string[] TwoPerHour =
    [
        "--Serverless:RateLimit:Enabled=true",
        "--Serverless:RateLimit:TokenLimit=2",
        "--Serverless:RateLimit:TokensPerPeriod=1",
        "--Serverless:RateLimit:ReplenishmentPeriod=01:00:00",
    ];

    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_Retry_After_and_a_problem()
    {
        await using var app = await TestApp.StartAsync(Map, TwoPerHour);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var served = await app.Client.GetAsync("/api/orders");
            statuses.Add(served.StatusCode);
        }

        using var refused = await app.Client.GetAsync("/api/orders");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDocument>();
        Assert.Equal(429, problem!.Status);
    }

    [Fact]
    public async Task Each_function_key_has_a_bucket_of_its_own()
    {
        await using var app = await TestApp.StartAsync(
            Map,
            [.. TwoPerHour, $"--Serverless:FunctionKey={FunctionKey}", $"--Serverless:AdminKey={AdminKey}"]);
        for (var i = 0; i < 2; i++)
        {
            using var served = await SendAsync(app, FunctionKey);
        }

        using var overLimit = await SendAsync(app, FunctionKey);
        using var otherKey = await SendAsync(app, AdminKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, overLimit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task A_key_the_host_did_not_check_names_no_bucket_so_rotating_keys_does_not_escape_the_limit()
    {
        // Keys are off: whatever a client sends in x-functions-key, it is known by its address.
        await using var app = await TestApp.StartAsync(Map, TwoPerHour);
        for (var i = 0; i < 2; i++)
        {
            using var served = await SendAsync(app, "made-up-key-" + i);
        }

        using var refused = await SendAsync(app, "made-up-key-2");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Limits_are_off_by_default()
    {
        await using var app = await TestApp.StartAsync(Map);

        for (var i = 0; i < 150; i++)
        {
            using var response = await app.Client.GetAsync("/api/orders");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_limit_of_no_tokens_is_refused_at_start_naming_the_setting()
    {
        string[] args = ["--Serverless:RateLimit:Enabled=true", "--Serverless:RateLimit:TokenLimit=0"];

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => TestApp.StartAsync(Map, args));

        Assert.Contains("Serverless:RateLimit:TokenLimit", error.Message, StringComparison.Ordinal);
    }

    private static void Map(WebApplication app) =>
        app.MapFunctionsApi().MapGet("/orders", () => "orders").AsFunction("ListOrders");

    private static Task<HttpResponseMessage> SendAsync(TestApp app, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        request.Headers.Add("x-functions-key", key);
        return app.Client.SendAsync(request);
    }

    private sealed record ProblemDocument(int Status, string Title, string Detail);
}
