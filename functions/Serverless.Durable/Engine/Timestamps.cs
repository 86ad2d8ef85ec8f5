using System.Globalization;

namespace Serverless.Durable.Engine;

/// <summary>
/// Times stored as fixed-width ISO-8601 UTC text, so ordinal string order is time order in every backend.
/// </summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.ParseExact(
            value,
            "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? ParseOptional(string? value) => value is null ? null : Parse(value);
}
