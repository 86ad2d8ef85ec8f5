namespace Serverless.Payments.Card.Tests;

/// <summary>Amounts become whole minor units of the currency, by ISO 4217's exponents, and are never rounded.</summary>
public sealed class MinorUnitsTests
{
    [Theory]
    [InlineData("EUR", "25.00", 2500)]
    [InlineData("eur", "12.5", 1250)]
    [InlineData("JPY", "1200", 1200)]
    [InlineData("KWD", "1.234", 1234)]
    public void An_amount_is_counted_in_the_currencys_minor_units_and_back(string currency, string amount, long minor)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(minor, MinorUnits.From(value, currency));
        Assert.Equal(value, MinorUnits.ToAmount(minor, currency));
    }

    [Theory]
    [InlineData("EUR", "12.345")]
    [InlineData("JPY", "12.5")]
    [InlineData("EUR", "0")]
    [InlineData("EUR", "-1")]
    public void An_amount_that_is_not_a_whole_positive_number_of_minor_units_is_refused(string currency, string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Throws<ArgumentOutOfRangeException>(() => MinorUnits.From(value, currency));
    }
}
