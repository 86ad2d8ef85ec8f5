using System.Net;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Http;

/// <summary>
/// <c>GET /api/payments/{orderId}</c> with the card gateway: the payment is read from the provider, which keeps the
/// ledger, and while the provider cannot be asked the answer is a 503 problem, not a failure.
/// </summary>
public sealed class CardPaymentsApiTests : IAsyncLifetime, IDisposable
{
    private readonly FakeCardProvider _provider = FakeCardProvider.Start();
    private readonly OrdersApp _app;

    public CardPaymentsApiTests()
    {
        _app = new OrdersApp(options => options.Payments = CardGatewayHarness.Card(_provider));
        _provider.HangFor = TimeSpan.FromSeconds(3);
    }

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _provider.Dispose();
    }

    public void Dispose()
    {
        _app.Dispose();
        _provider.Dispose();
    }

    [Fact]
    public async Task A_confirmed_orders_payment_is_the_providers_charge_and_a_503_problem_while_it_is_down()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 12.50m);
        var orderId = await _app.PlaceAsync("tok_visa", (sku, 2));
        Assert.Equal("Confirmed", (await _app.SettledAsync(orderId)).GetProperty("status").GetString());

        var payment = await _app.GetJsonAsync($"/api/payments/{orderId}");
        _provider.Fault = ProviderFault.ServerErrors;
        using var down = await _app.Http.GetAsync(new Uri($"/api/payments/{orderId}", UriKind.Relative));

        Assert.Equal(
            ("Charged", 25.00m, 25.00m),
            (payment.GetProperty("status").GetString(), payment.GetProperty("amount").GetDecimal(),
                payment.GetProperty("netAmount").GetDecimal()));
        var problem = await ProblemAssert.IsProblemAsync(down, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("cannot be asked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
