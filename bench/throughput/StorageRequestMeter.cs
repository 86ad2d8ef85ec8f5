using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.Bench.Throughput;

/// <summary>
/// Reads the host's storage request total from <c>/api/health/details</c>. The host counts before a check's own
/// requests, so two readings differ by what ran between them plus one check; <see cref="CalibrateAsync"/> measures
/// that one check (two readings back to back) and <see cref="Between"/> takes it off. A host that does not report
/// counts (an older build) reads as null, and every measure from it as NaN.
/// </summary>
internal sealed class StorageRequestMeter(HttpClient http, Uri baseUri)
{
    private readonly Uri _details = new(baseUri, "health/details");
    private long _checkCost;

    public async Task CalibrateAsync(CancellationToken cancellationToken)
    {
        var first = await ReadAsync(cancellationToken);
        var second = await ReadAsync(cancellationToken);
        _checkCost = first is { } a && second is { } b ? Math.Max(0, b.Total - a.Total) : 0;
    }

    public async Task<Reading?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var health = await http.GetFromJsonAsync(_details, BenchJsonContext.Default.HealthView, cancellationToken);
            return health?.Storage?.RequestsTotal is { } total ? new Reading(total, Stopwatch.GetTimestamp()) : null;
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
        from is { } a && to is { } b ? Math.Max(0, b.Total - a.Total - _checkCost) : double.NaN;

    /// <summary>Requests per second between two readings.</summary>
    public double RateBetween(Reading? from, Reading? to) =>
        from is { } a && to is { } b
            ? Between(a, b) / Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds
            : double.NaN;

    /// <summary>A total read at a moment.</summary>
    internal readonly record struct Reading(long Total, long Timestamp);
}
