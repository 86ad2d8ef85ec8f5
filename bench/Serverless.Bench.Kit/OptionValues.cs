using System.Globalization;

namespace Serverless.Bench.Kit;

/// <summary>Parses the values of command-line options: NAME=VALUE pairs and whole numbers.</summary>
public static class OptionValues
{
    /// <summary>Splits <c>NAME=VALUE</c> at its first <c>=</c>; NAME must not be empty.</summary>
    public static (string Name, string Value) Pair(string option, string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        return at > 0
            ? (text[..at], text[(at + 1)..])
            : throw new ArgumentException($"{option} takes NAME=VALUE, not '{text}'.");
    }

    public static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} takes a positive number, not '{text}'.");

    public static int NonNegative(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{option} takes a number, not '{text}'.");

    /// <summary>A comma-separated list, blanks dropped and entries trimmed.</summary>
    public static string[] List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
