using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Payments.Card.Tests.Support;

/// <summary>
/// A <see cref="CardPaymentsClient"/> composed as the product composes it (<c>AddCardPayments</c>: the named client,
/// the resilience pipeline, the attempt counter) against a fresh <see cref="FakeCardProvider"/>, with short timeouts
/// and a circuit that does not open unless a test asks for it.
/// </summary>
internal sealed class CardClient : IDisposable
{
    private readonly ServiceProvider _services;

    private CardClient(Action<CardPaymentsOptions>? configure, Action<IServiceCollection>? services)
    {
        Provider = FakeCardProvider.Start();
        Options = Defaults(Provider);
        configure?.Invoke(Options);
        Assert.Empty(Options.Validate("Card"));
        var collection = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        collection.AddCardPayments(_ => Options);
        services?.Invoke(collection);
        _services = collection.BuildServiceProvider();
        Client = _services.GetRequiredService<CardPaymentsClient>();
        // Past the attempt timeout: a faulted request is never answered in time.
        Provider.HangFor = Options.AttemptTimeout * 3;
    }

    public FakeCardProvider Provider { get; }

    public CardPaymentsOptions Options { get; }

    public CardPaymentsClient Client { get; }

    public static CardClient Start(
        Action<CardPaymentsOptions>? configure = null,
        Action<IServiceCollection>? services = null) => new(configure, services);

    /// <summary>Test settings: the provider's URL and key, EUR, short timeouts, a circuit that stays closed.</summary>
    public static CardPaymentsOptions Defaults(FakeCardProvider provider) => new()
    {
        BaseUrl = provider.BaseUrl,
        ApiKey = FakeCardProvider.ApiKey,
        Currency = "EUR",
        AttemptTimeout = TimeSpan.FromMilliseconds(1500),
        TotalTimeout = TimeSpan.FromSeconds(20),
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MinimumThroughput = 1000,
        BreakDuration = TimeSpan.FromMinutes(1),
    };

    /// <summary>The provider's calls of <paramref name="method"/> (POST, GET).</summary>
    public int CallsOf(string method) => Provider.Calls.Count(c => c.Method == method);

    public void Dispose()
    {
        _services.Dispose();
        Provider.Dispose();
    }
}
