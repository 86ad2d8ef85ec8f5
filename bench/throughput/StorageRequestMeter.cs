using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.Bench.Throughput;

/// <summary>
/// Reads the host's storage request counts per operation kind from <c>/api/health/details</c>. The host counts
/// before a check's own requests, so two readings differ by what ran between them plus one check;
/// <see cref="CalibrateAsync"/> measures that one check and <see cref="KindsBetween"/> takes it off, kind by kind, so a
/// kind the check did not send is never reduced by one it did. A host that does not report counts (an older build)
/// reads as null, and every measure from it as NaN (or no kinds).
/// </summary>
internal sealed class StorageRequestMeter(HttpClient http, Uri baseUri)
{
    private readonly Uri _details = new(baseUri, "health/details");
    private Dictionary<string, long> _checkCost = [];

    /// <summary>
    /// One check's requests of each kind: the fewer of two pairs of checks back to back, since a host's first check
    /// creates what it looks at (the poison queues) and a poller may fire during either pair.
    /// </summary>
    public async Task CalibrateAsync(CancellationToken cancellationToken)
    {
        var first = await ReadAsync(cancellationToken);
        var second = await ReadAsync(cancellationToken);
        var third = await ReadAsync(cancellationToken);
        if (first is { } a && second is { } b && third is { } c)
        {
            _checkCost = c.Kinds.Keys.ToDictionary(
                kind => kind,
                kind => Math.Max(0, Math.Min(b.Count(kind) - a.Count(kind), c.Count(kind) - b.Count(kind))),
                StringComparer.Ordinal);
        }
    }

    public async Task<Reading?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var health = await http.GetFromJsonAsync(_details, BenchJsonContext.Default.HealthView, cancellationToken);
            return health?.Storage?.Requests is { } requests ? new Reading(requests, Stopwatch.GetTimestamp()) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The requests sent between <paramref name="from"/> and <paramref name="to"/>, if both were read.
    /// </summary>
    public double Between(Reading? from, Reading? to) =>
        from is not null && to is not null ? KindsBetween(from, to).Values.Sum() : double.NaN;

    /// <summary>
    /// The requests of each kind sent between <paramref name="from"/> and <paramref name="to"/> (kinds with none left
    /// out), or none if either was not read.
    /// </summary>
    public Dictionary<string, double> KindsBetween(Reading? from, Reading? to) =>
        from is { } a && to is { } b
            ? b.Kinds
                .Select(k => (k.Key, Sent: k.Value - a.Count(k.Key) - _checkCost.GetValueOrDefault(k.Key)))
                .Where(k => k.Sent > 0)
                .ToDictionary(k => k.Key, k => (double)k.Sent, StringComparer.Ordinal)
            : [];

    /// <summary>Requests per second between two readings.</summary>
    public double RateBetween(Reading? from, Reading? to) =>
        from is not null && to is not null ? KindRatesBetween(from, to).Values.Sum() : double.NaN;

    /// <summary>Requests per second of each kind between two readings.</summary>
    public Dictionary<string, double> KindRatesBetween(Reading? from, Reading? to) =>
        from is { } a && to is { } b
            ? KindsBetween(a, b).ToDictionary(
                k => k.Key,
                k => k.Value / Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds,
                StringComparer.Ordinal)
            : [];

    /// <summary>The counts per operation kind read at a moment.</summary>
    internal readonly record struct Reading(IReadOnlyDictionary<string, long> Kinds, long Timestamp)
    {
        public long Count(string kind) => Kinds.GetValueOrDefault(kind);
    }
}
