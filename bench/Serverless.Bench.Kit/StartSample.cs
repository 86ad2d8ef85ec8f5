namespace Serverless.Bench.Kit;

/// <summary>
/// One measured start of one flavour: what every bench records besides its own timings (a derived record): the
/// flavour, the round, the process's peak RSS and CPU time then, or why the run failed.
/// </summary>
public abstract record StartSample
{
    public required string Name { get; init; }

    public required int Round { get; init; }

    public double PeakRssMiB { get; init; } = double.NaN;

    public double CpuMs { get; init; } = double.NaN;

    /// <summary>Why the run failed (its timings are NaN), or null.</summary>
    public string? Failure { get; init; }

    public bool Succeeded => Failure is null;

    /// <summary>The bench's own timings in milliseconds, in the order of its labels (NaN when not measured).</summary>
    public abstract IReadOnlyList<double> TimingsMs { get; }
}
