using System.Globalization;
using System.Text;
using static Serverless.Bench.Kit.ReportNumbers;

namespace Serverless.Bench.Throughput;

/// <summary>
/// The report's storage requests by operation kind (the host's own counters): per confirmed saga, and per second
/// while idle, one row per run that counted any, one column per kind any run sent.
/// </summary>
internal static class RequestKindsReport
{
    public static void Render(StringBuilder text, IReadOnlyList<RunResult> results)
    {
        Table(
            text,
            "Storage requests per confirmed saga, by kind:",
            results,
            r => r.RequestsPerSaga,
            r => r.RequestsPerSagaByKind,
            "0.0");
        Table(
            text,
            "Storage requests per second while idle, by kind:",
            results,
            r => r.IdleRequestsPerSecond,
            r => r.IdleRequestsPerSecondByKind,
            "0.00");
    }

    private static void Table(
        StringBuilder text,
        string title,
        IReadOnlyList<RunResult> results,
        Func<RunResult, double> total,
        Func<RunResult, IReadOnlyDictionary<string, double>> byKind,
        string format)
    {
        var rows = results.Where(r => byKind(r).Count > 0).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        // Tables, then queues, then anything else: the order the storage ports are described in.
        var kinds = rows.SelectMany(r => byKind(r).Keys)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(k => k.StartsWith("table.", StringComparison.Ordinal) ? 0
                : k.StartsWith("queue.", StringComparison.Ordinal) ? 1 : 2)
            .ThenBy(k => k, StringComparer.Ordinal)
            .ToList();
        text.AppendLine();
        text.AppendLine(title);
        text.AppendLine();
        text.AppendLine(Row(["host", "run", "total", .. kinds]));
        text.AppendLine(Row(["---", "---", .. Enumerable.Repeat("---:", kinds.Count + 1)]));
        foreach (var r in rows)
        {
            var counts = byKind(r);
            text.AppendLine(Row([
                r.Flavor,
                r.Mode,
                Number(total(r), format),
                .. kinds.Select(k => counts.TryGetValue(k, out var n) ? Number(n, format) : "–"),
            ]));
        }
    }

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}
