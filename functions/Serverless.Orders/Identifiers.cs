using System.Text.RegularExpressions;

namespace Serverless.Orders;

/// <summary>
/// The shapes of the ids this function set accepts. They become table partition keys, row keys and orchestration
/// instance ids, so they exclude every character some backend reserves (<c>/ \ # ?</c>, control characters).
/// </summary>
public static partial class Identifiers
{
    /// <summary>
    /// Whether <paramref name="sku"/> is 1-64 letters, digits, <c>.</c>, <c>_</c> or <c>-</c>, starting with a letter
    /// or digit.
    /// </summary>
    public static bool IsValidSku(string? sku) => sku is not null && SkuPattern().IsMatch(sku);

    /// <summary>
    /// Whether <paramref name="orderId"/> is 1-128 letters, digits, <c>.</c>, <c>_</c>, <c>:</c> or <c>-</c>, starting
    /// with a letter or digit.
    /// </summary>
    public static bool IsValidOrderId(string? orderId) => orderId is not null && OrderIdPattern().IsMatch(orderId);

    /// <summary>
    /// Whether <paramref name="customerId"/> is 1-128 printable characters without surrounding spaces.
    /// </summary>
    public static bool IsValidCustomerId(string? customerId) =>
        customerId is { Length: > 0 and <= 128 }
            && customerId.Trim().Length == customerId.Length
            && !customerId.Any(char.IsControl);

    /// <summary>
    /// Whether <paramref name="key"/> is a usable <c>Idempotency-Key</c>: 1-255 printable ASCII characters.
    /// </summary>
    public static bool IsValidIdempotencyKey(string? key) => key is not null && IdempotencyKeyPattern().IsMatch(key);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SkuPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrderIdPattern();

    [GeneratedRegex("^[\\x21-\\x7E][\\x20-\\x7E]{0,254}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdempotencyKeyPattern();
}
