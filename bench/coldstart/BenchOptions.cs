using Serverless.Bench.Kit;

namespace Serverless.Bench.ColdStart;

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions : RoundRobinOptions
{
    public const string Usage = """
        coldstart: cold-start benchmark of the host's publish flavours, run round-robin side by side.

          dotnet run --project bench/coldstart -c Release -- [options]

          --flavors A,B,...   flavours to publish and measure (default: Aot,AotAzure,R2R,R2RStartup,Jit); a name
                              ending in Azure or Aws is that flavour published with -p:Cloud=Azure or Aws; one
                              ending in Lambda (AotAwsLambda, JitAwsLambda) runs the build named without it in
                              Lambda mode: exec to the first Runtime API invocation (GET /api/health) answered
          --prebuilt NAME=DIR measure an already published folder (holding Serverless.Host; or give the executable's
                              path) as flavour NAME (repeatable; skips publishing it)
          --health-only NAME  time only the first healthy response of flavour NAME (a reference app without the
                              order API, e.g. an empty Kestrel app)
          --no-reference      skip the reference rows (bench/EmptyHost: an empty Kestrel app, Native AOT, health only;
                              EmptySlimAot uses CreateSlimBuilder, EmptyLeanAot CreateEmptyBuilder as the host does)
          --cwd DIR           working directory of every host process (default: its publish folder; it is the
                              host's content root, where local.settings.json is read)
          --no-publish        reuse WORK/publish/<flavour> from an earlier run
          --runs N            measured runs per flavour (default 20), after --warmup rounds (default 1)
          --warmup N          unmeasured rounds first (default 1)
          --baseline NAME     flavour the ratios are taken against (default EmptyLeanAot, the empty app; Aot with
                              --no-reference)
          --env NAME=VALUE    environment variable for every host process (repeatable); inherited DOTNET_*,
                              COMPlus_*, ASPNETCORE_* and Serverless__* variables are never passed on
          --env FLAVOUR:NAME=VALUE  the same for one flavour only (measure a knob: --prebuilt AotWks=DIR
                              --env AotWks:DOTNET_gcServer=0)
          --timeout SECONDS   limit for one start + saga (default 60)
          --work DIR          publish and scratch folder (default: <repo>/artifacts/coldstart)
          --out FILE          also write the markdown report to FILE
          --repo DIR          repository root (default: found from the working directory)
        """;

    private BenchOptions()
        : base(
            TimeSpan.FromSeconds(60),
            perFlavorEnvironment: true,
            "--flavors",
            ["Aot", "Aot" + HostPublisher.AzureSuffix, "R2R", "R2RStartup", "Jit"])
    {
    }

    /// <summary>The flavours to publish and measure (--flavors).</summary>
    public List<string> Flavors => Names;

    public HashSet<string> HealthOnly { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Reference { get; private set; } = true;

    public string? WorkingDirectory { get; private set; }

    protected override string DefaultBaseline => Reference ? Publisher.LeanReferenceName : "Aot";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        return ParseInto(options, args, (arg, value) =>
        {
            switch (arg)
            {
                case "--health-only": options.HealthOnly.Add(value()); break;
                case "--no-reference": options.Reference = false; break;
                case "--cwd": options.WorkingDirectory = Path.GetFullPath(value()); break;
                default: return false;
            }

            return true;
        });
    }
}
