namespace Serverless.Bench.Kit;

/// <summary>
/// One flavour's succeeded runs summed up: a <see cref="Spread"/> of each of its timings (in the order of
/// <see cref="StartSample.TimingsMs"/>; NaN values, e.g. not measured, left out), of peak RSS and of CPU; and how many
/// runs failed.
/// </summary>
public sealed record SampleStats(IReadOnlyList<Spread> Timings, Spread Rss, Spread Cpu, int Failed)
{
    public static SampleStats Of(IReadOnlyList<StartSample> samples, string name)
    {
        var ok = samples.Where(s => s.Name == name && s.Succeeded).ToList();
        Spread Of(Func<StartSample, double> pick) => Spread.Of(ok.Select(pick).Where(v => !double.IsNaN(v)).ToArray());
        var count = samples.Count == 0 ? 0 : samples[0].TimingsMs.Count;
        return new SampleStats(
            [.. Enumerable.Range(0, count).Select(i => Of(s => s.TimingsMs[i]))],
            Of(s => s.PeakRssMiB),
            Of(s => s.CpuMs),
            samples.Count(s => s.Name == name && !s.Succeeded));
    }

    /// <summary>The spread of timing <paramref name="index"/>, NaN when there is none.</summary>
    public Spread Timing(int index) => index < Timings.Count ? Timings[index] : new(double.NaN, double.NaN);
}
