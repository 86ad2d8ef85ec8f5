using System.Globalization;
using Serverless.Bench.Kit;

namespace Serverless.Bench.ReplayCheck;

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions() : CommonOptions(TimeSpan.FromMinutes(10), perFlavorEnvironment: false)
{
    public const string Usage = """
        replaycheck: how long `Serverless.Host replay-check` takes over a large SQLite store.

          dotnet run --project bench/replaycheck -c Release -- [options]

          --instances N       instances in the store (default 100000): copies of the four orders an earlier release
                              left in flight (tests/Serverless.Host.Tests/Upgrade/pre-upgrade.sqlite)
          --finished-share P  share of them marked finished, which the check skips (default 0.5)
          --runs N            timed runs of the check (default 3); the report gives each and the median
          --prebuilt Aot=DIR  an already published host folder (else the default AOT build is published)
          --timeout SECONDS   limit for one run (default 600)
          --work DIR          publish and scratch folder (default: <repo>/artifacts/replaycheck)
          --out FILE          also write the markdown report to FILE
          --repo DIR          repository root (default: found from the working directory)
        """;

    public int Instances { get; private set; } = 100_000;

    public double FinishedShare { get; private set; } = 0.5;

    public int Runs { get; private set; } = 3;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        return ParseInto(options, args, (option, value) =>
        {
            switch (option)
            {
                case "--instances":
                    options.Instances = OptionValues.Positive(option, value());
                    return true;
                case "--finished-share":
                    options.FinishedShare = double.TryParse(value(), CultureInfo.InvariantCulture, out var share)
                        && share is >= 0 and < 1
                        ? share
                        : throw new ArgumentException($"{option} takes a number from 0 to below 1.");
                    return true;
                case "--runs":
                    options.Runs = OptionValues.Positive(option, value());
                    return true;
                default:
                    return false;
            }
        });
    }
}
