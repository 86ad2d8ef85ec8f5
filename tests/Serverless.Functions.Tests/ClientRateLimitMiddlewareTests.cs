using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Http;
using Serverless.Functions.Tests.Support;
using Serverless.Http.Limits;

namespace Serverless.Functions.Tests;

/// <summary>
/// The Function App's rate limit, a worker middleware over the ASP.NET Core integration's request. No Functions host
/// runs here, so the invocation's context is the tests' stand-in (<see cref="TestFunctionContext"/>), carrying the
/// request where the integration puts it.
/// </summary>
public sealed class ClientRateLimitMiddlewareTests
{
    private static readonly ClientRateLimitOptions TwoPerHour = new()
    {
        Enabled = true,
        TokenLimit = 2,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromHours(1),
    };

    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddProblemDetails()
        .BuildServiceProvider();

    [Fact]
    public async Task A_client_over_its_limit_gets_429_and_its_function_does_not_run()
    {
        var middleware = new ClientRateLimitMiddleware(
            ClientRateLimiter.Create(TwoPerHour, ClientRateLimitMiddleware.PresentedKey));
        var runs = 0;

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var (context, http) = Invocation("key-a");
            await middleware.Invoke(context, _ =>
            {
                runs++;
                return Task.CompletedTask;
            });
            statuses.Add(http.Response.StatusCode);
            if (i == 2)
            {
                Assert.True(int.Parse(http.Response.Headers.RetryAfter!, CultureInfo.InvariantCulture) >= 1);
                http.Response.Body.Position = 0;
                using var problem = await JsonDocument.ParseAsync(http.Response.Body);
                Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            }
        }

        Assert.Equal([200, 200, (int)HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task Each_function_key_has_a_bucket_of_its_own()
    {
        var middleware = new ClientRateLimitMiddleware(
            ClientRateLimiter.Create(TwoPerHour, ClientRateLimitMiddleware.PresentedKey));
        for (var i = 0; i < 2; i++)
        {
            await middleware.Invoke(Invocation("key-a").Context, _ => Task.CompletedTask);
        }

        var (other, http) = Invocation("key-b");
        var ran = false;
        await middleware.Invoke(other, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
        Assert.Equal(200, http.Response.StatusCode);
    }

    private (TestFunctionContext Context, DefaultHttpContext Http) Invocation(string key)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Request.Headers["x-functions-key"] = key;
        http.Response.Body = new MemoryStream();
        var context = new TestFunctionContext("none", _services);
        context.Items["HttpRequestContext"] = http;
        return (context, http);
    }
}
