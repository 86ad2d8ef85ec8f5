using Serverless.Orders.Payments;

namespace Serverless.Orders.Tests.Payments;

/// <summary>
/// <c>Orders:Payments</c> is checked with the rest of the Orders settings at start: the simulator needs nothing, the
/// card gateway its URL, key and currency, and a void grace longer than a charge call.
/// </summary>
public sealed class PaymentsOptionsTests
{
    [Fact]
    public void The_simulator_is_the_default_and_needs_no_card_settings()
    {
        var options = new OrdersOptions();

        Assert.Equal(PaymentGatewayKind.Simulator, options.Payments.Gateway);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void The_card_gateway_without_its_settings_names_each_missing_one()
    {
        var options = new OrdersOptions { Payments = { Gateway = PaymentGatewayKind.Card } };

        var errors = options.Validate().ToList();

        Assert.Equal(3, errors.Count);
        Assert.Collection(
            errors,
            e => Assert.StartsWith("Orders:Payments:Card:BaseUrl ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Orders:Payments:Card:ApiKey ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Orders:Payments:Card:Currency ", e, StringComparison.Ordinal));
    }

    [Fact]
    public void A_void_grace_no_longer_than_a_charge_call_is_refused()
    {
        var options = new OrdersOptions { Payments = Complete() };
        options.Payments.VoidGrace = options.Payments.Card.TotalTimeout;

        Assert.StartsWith("Orders:Payments:VoidGrace ", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_gateway_is_refused()
    {
        var options = new OrdersOptions { Payments = { Gateway = (PaymentGatewayKind)7 } };

        Assert.StartsWith("Orders:Payments:Gateway ", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    private static PaymentsOptions Complete() => new()
    {
        Gateway = PaymentGatewayKind.Card,
        Card =
        {
            BaseUrl = new Uri("https://api.payments.example/"),
            ApiKey = "sk_live_x",
            Currency = "EUR",
        },
    };
}
