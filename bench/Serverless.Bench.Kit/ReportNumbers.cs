using System.Globalization;

namespace Serverless.Bench.Kit;

/// <summary>Numbers as the markdown reports print them: invariant culture, "–" for a missing (NaN) value.</summary>
public static class ReportNumbers
{
    public const double BytesPerMiB = 1024 * 1024;

    public static string Ms(double value) => double.IsNaN(value) ? "–" : Inv($"{value:0.0} ms");

    public static string MiB(double value) => double.IsNaN(value) ? "–" : Inv($"{value:0.0} MiB");

    /// <summary>A size in bytes as MiB, or "–" for a negative (unknown) one.</summary>
    public static string MiBOf(long bytes) => bytes < 0 ? "–" : Inv($"{bytes / BytesPerMiB:0.0} MiB");

    /// <summary><paramref name="value"/> over <paramref name="baseline"/> to two decimals, or "–".</summary>
    public static string Ratio(double value, double? baseline) =>
        baseline is { } b && !double.IsNaN(value) && b > 0 ? Inv($"{value / b:0.00}") : "–";

    /// <summary>A markdown table row: <c>| a | b | c |</c>.</summary>
    public static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
