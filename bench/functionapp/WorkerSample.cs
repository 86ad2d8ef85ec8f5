using Serverless.Bench.Kit;

namespace Serverless.Bench.FunctionApp;

/// <summary>
/// One start of one variant: milliseconds from exec to the accepted connection and to the HTTP/2 preface, besides the
/// kit's name, round, peak RSS and CPU time at that point.
/// </summary>
internal sealed record WorkerSample(double ConnectMs, double PrefaceMs) : StartSample
{
    public static readonly string[] Labels = ["connect", "preface"];

    public override IReadOnlyList<double> TimingsMs => [ConnectMs, PrefaceMs];

    public static WorkerSample Failed(string variant, int round, string failure) =>
        new(double.NaN, double.NaN) { Name = variant, Round = round, Failure = failure };
}
