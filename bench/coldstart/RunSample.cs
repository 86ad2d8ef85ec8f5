using Serverless.Bench.Kit;

namespace Serverless.Bench.ColdStart;

/// <summary>
/// One cold start of one flavour: milliseconds from exec to the first healthy response and to the confirmed saga (NaN
/// for a health-only flavour or a failed run), besides the kit's name, round, peak RSS and CPU.
/// </summary>
internal sealed record RunSample(double HealthMs, double SagaMs) : StartSample
{
    /// <summary>The labels of <see cref="TimingsMs"/> in the log and the CSV.</summary>
    public static readonly string[] Labels = ["health", "saga"];

    public override IReadOnlyList<double> TimingsMs => [HealthMs, SagaMs];
}
