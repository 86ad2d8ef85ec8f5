using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Durable;
using Serverless.Host.Lambda;

namespace Serverless.Host.Tests.Lambda;

/// <summary>
/// What Lambda mode's composition changes in the function set's settings, checked in-process: the process may be
/// frozen once an invocation returns, so nothing of the engine may run after it.
/// </summary>
public sealed class LambdaCompositionTests
{
    [Fact]
    public void Lambda_mode_runs_every_activity_through_its_queue_even_when_claims_are_configured()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Durable:LocalActivityClaim"] = "00:00:30" })
            .Build();
        var services = new ServiceCollection();
        services.Configure<DurableTaskOptions>(configuration.GetSection("Durable"));

        services.AddLambdaTriggers("127.0.0.1:9001");

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<DurableTaskOptions>>().Value;
        Assert.Equal(TimeSpan.Zero, options.LocalActivityClaim);
    }
}
