namespace Serverless.Payments.Card;

/// <summary>
/// Amounts as the provider counts them: integers of the currency's minor unit (cents for EUR, yen for JPY, fils for
/// KWD), with ISO 4217's exponents. An amount that does not fit a whole number of minor units is refused, never
/// rounded: rounding would charge a different amount than the order's.
/// </summary>
public static class MinorUnits
{
    private static readonly HashSet<string> NoDecimals = new(
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
            "XPF"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> ThreeDecimals = new(
        ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The digits after the decimal point of <paramref name="currency"/> (2, or ISO 4217's 0 or 3).</summary>
    public static int Exponent(string currency) =>
        NoDecimals.Contains(currency) ? 0 : ThreeDecimals.Contains(currency) ? 3 : 2;

    /// <summary><paramref name="amount"/> in minor units of <paramref name="currency"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or not a whole number of minor units.</exception>
    public static long From(decimal amount, string currency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var minor = amount * Factor(currency);
        if (minor != decimal.Truncate(minor) || minor > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(amount),
                amount,
                $"{amount} is not a whole number of {currency.ToUpperInvariant()} minor units.");
        }

        return (long)minor;
    }

    /// <summary><paramref name="minor"/> minor units of <paramref name="currency"/> as an amount.</summary>
    public static decimal ToAmount(long minor, string currency) => minor / Factor(currency);

    /// <summary>Whether <paramref name="currency"/> has the shape of an ISO 4217 code (three letters).</summary>
    public static bool IsCurrencyCode(string currency) => currency.Length == 3 && currency.All(char.IsAsciiLetter);

    private static decimal Factor(string currency) => Exponent(currency) switch
    {
        0 => 1m,
        3 => 1000m,
        _ => 100m,
    };
}
