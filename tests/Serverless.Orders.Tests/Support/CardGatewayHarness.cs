using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Serverless.Orders.Payments;
using Serverless.Payments.Card;
using Serverless.Testing.Payments;

namespace Serverless.Orders.Tests.Support;

/// <summary>
/// The card gateway as <c>AddOrders</c> composes it (<c>Orders:Payments:Gateway=Card</c>) over a SQLite file, against a
/// fresh <see cref="FakeCardProvider"/>; short timeouts, a circuit that stays closed unless a test asks, and a fake
/// clock for the void's grace only (the HTTP pipeline keeps real time).
/// </summary>
internal sealed class CardGatewayHarness : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly ServiceProvider _services;

    private CardGatewayHarness(Action<PaymentsOptions>? configure)
    {
        Provider = FakeCardProvider.Start();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<Storage.IStorageProvider>(_database.CreateProvider());
        services.AddOrders(configure: options =>
        {
            options.Payments = Card(Provider);
            configure?.Invoke(options.Payments);
        });
        _services = services.BuildServiceProvider();
        Provider.HangFor = Options.Card.AttemptTimeout * 3;
        Gateway = new CardPaymentGateway(
            _services.GetRequiredService<CardPaymentsClient>(),
            _services.GetRequiredService<Storage.IStorageProvider>(),
            Options.VoidGrace,
            Clock);
    }

    public FakeCardProvider Provider { get; }

    /// <summary>The provider's client, to make a charge the way one already in flight would arrive.</summary>
    public CardPaymentsClient Client => _services.GetRequiredService<CardPaymentsClient>();

    /// <summary>The gateway on <see cref="Clock"/>: the one the tests call.</summary>
    public CardPaymentGateway Gateway { get; }

    /// <summary>What the function set resolves as its gateway (on the real clock).</summary>
    public IPaymentGateway Composed => _services.GetRequiredService<IPaymentGateway>();

    public PaymentsOptions Options =>
        _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OrdersOptions>>().Value.Payments;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public static CardGatewayHarness Start(Action<PaymentsOptions>? configure = null) => new(configure);

    /// <summary>The payments settings of these tests, against <paramref name="provider"/>.</summary>
    public static PaymentsOptions Card(FakeCardProvider provider) => new()
    {
        Gateway = PaymentGatewayKind.Card,
        VoidGrace = TimeSpan.FromMinutes(2),
        Card = new CardPaymentsOptions
        {
            BaseUrl = provider.BaseUrl,
            ApiKey = FakeCardProvider.ApiKey,
            Currency = "EUR",
            AttemptTimeout = TimeSpan.FromMilliseconds(1500),
            TotalTimeout = TimeSpan.FromSeconds(20),
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MinimumThroughput = 1000,
            BreakDuration = TimeSpan.FromMinutes(1),
        },
    };

    public void Dispose()
    {
        _services.Dispose();
        Provider.Dispose();
        _database.Dispose();
    }
}
