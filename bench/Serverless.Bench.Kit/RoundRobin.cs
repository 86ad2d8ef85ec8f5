using System.Globalization;

namespace Serverless.Bench.Kit;

/// <summary>
/// Runs the flavours round-robin, <see cref="RoundRobinOptions.Warmup"/> unmeasured rounds then
/// <see cref="RoundRobinOptions.Runs"/> measured ones, each round starting one flavour further, so drift and
/// neighbours' noise hit every flavour alike; after each round it times the floor (exec of <c>/bin/true</c>). Each
/// run is logged to stderr: its timings, each after its label (e.g. <c>health</c>), then peak RSS and CPU.
/// </summary>
public static class RoundRobin
{
    public static async Task<RoundRobinResult<T>> RunAsync<T>(
        IReadOnlyList<Flavor> flavors,
        RoundRobinOptions options,
        int nameWidth,
        IReadOnlyList<string> labels,
        Func<Flavor, int, Task<T>> run)
        where T : StartSample
    {
        var samples = new List<T>();
        var floor = new List<double>();
        var rounds = options.Warmup + options.Runs;
        for (var round = 0; round < rounds; round++)
        {
            var measured = round >= options.Warmup;
            for (var i = 0; i < flavors.Count; i++)
            {
                var flavor = flavors[(round + i) % flavors.Count];
                var sample = await run(flavor, round);
                if (measured)
                {
                    samples.Add(sample);
                }

                Console.Error.WriteLine(sample.Succeeded
                    ? string.Create(
                        CultureInfo.InvariantCulture,
                        $"{(measured ? "run" : "warm-up")} {round - options.Warmup + 1,3} " +
                            $"{flavor.Name.PadRight(nameWidth)} {Timings(labels, sample)}  " +
                            $"rss {sample.PeakRssMiB,5:0.0} MiB  cpu {sample.CpuMs,5:0} ms")
                    : $"{flavor.Name} round {round}: FAILED: {sample.Failure}");
            }

            var trivial = ChildProcess.TimeTrivialProcess("/bin/true");
            if (measured)
            {
                floor.Add(trivial);
            }
        }

        return new RoundRobinResult<T>(samples, floor);
    }

    private static string Timings(IReadOnlyList<string> labels, StartSample sample) => string.Join(
        "  ",
        labels.Zip(
            sample.TimingsMs,
            (label, ms) => string.Create(CultureInfo.InvariantCulture, $"{label} {ms,7:0.0} ms")));
}
