namespace Serverless.Payments.Card.Tests;

/// <summary>Every setting is checked at start, each bad one named in its own sentence.</summary>
public sealed class CardPaymentsOptionsTests
{
    public static TheoryData<string, Action<CardPaymentsOptions>> BadSettings => new()
    {
        { "BaseUrl", o => o.BaseUrl = null },
        { "BaseUrl", o => o.BaseUrl = new Uri("http://payments.example/") },
        { "ApiKey", o => o.ApiKey = " " },
        { "Currency", o => o.Currency = "EURO" },
        { "AttemptTimeout", o => o.AttemptTimeout = TimeSpan.Zero },
        { "TotalTimeout", o => o.TotalTimeout = TimeSpan.FromSeconds(1) },
        { "RetryDelay", o => o.RetryDelay = TimeSpan.FromSeconds(-1) },
        { "MaxRetries", o => o.MaxRetries = -1 },
        { "FailureRatio", o => o.FailureRatio = 0 },
        { "MinimumThroughput", o => o.MinimumThroughput = 1 },
        { "SamplingDuration", o => o.SamplingDuration = TimeSpan.FromMilliseconds(100) },
        { "BreakDuration", o => o.BreakDuration = TimeSpan.Zero },
        { "MaxConcurrency", o => o.MaxConcurrency = 0 },
        { "QueueLimit", o => o.QueueLimit = -1 },
    };

    [Fact]
    public void Settings_with_a_url_a_key_and_a_currency_and_the_defaults_are_valid()
    {
        Assert.Empty(Valid().Validate("Orders:Payments:Card"));
    }

    [Fact]
    public void Plain_http_is_accepted_on_loopback_only()
    {
        var local = Valid();
        local.BaseUrl = new Uri("http://127.0.0.1:5000/");

        Assert.Empty(local.Validate("Card"));
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_one_error_naming_it(string setting, Action<CardPaymentsOptions> spoil)
    {
        var options = Valid();
        spoil(options);

        var error = Assert.Single(options.Validate("Orders:Payments:Card"));

        Assert.StartsWith($"Orders:Payments:Card:{setting} ", error, StringComparison.Ordinal);
    }

    private static CardPaymentsOptions Valid() => new()
    {
        BaseUrl = new Uri("https://api.payments.example/"),
        ApiKey = "sk_live_x",
        Currency = "EUR",
    };
}
