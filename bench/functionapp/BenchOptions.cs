using Serverless.Bench.Kit;

namespace Serverless.Bench.FunctionApp;

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions : RoundRobinOptions
{
    public static readonly string Usage = """
        functionapp: start-up of the Function App's isolated worker (functions/Serverless.Functions) without a
        Functions host: a loopback listener stands in for the host's gRPC endpoint; each run times exec of the worker
        until it opens its TCP connection there (and sends the HTTP/2 preface), then kills it. Publish variants are
        measured round-robin side by side.

          dotnet run --project bench/functionapp -c Release -- [options]

          --variants A,B,...  variants to publish and measure (default: all known; see below)
          --prebuilt NAME=DIR measure an already published folder as variant NAME (repeatable; skips publishing it)
          --no-publish        reuse WORK/publish/<variant> from an earlier run
          --runs N            measured runs per variant (default 20), after --warmup rounds (default 1)
          --warmup N          unmeasured rounds first (default 1)
          --baseline NAME     variant the ratios are taken against (default R2R)
          --env NAME=VALUE    environment variable for every worker (repeatable; inherited DOTNET_*, COMPlus_*,
                              ASPNETCORE_*, AZURE_FUNCTIONS_*, FUNCTIONS_* and AzureWebJobs* variables are dropped)
          --timeout SECONDS   limit for one start (default 60)
          --work DIR          publish and scratch folder (default: <repo>/artifacts/functionapp)
          --out FILE          also write the markdown report to FILE
          --repo DIR          repository root (default: found from the working directory)

        Variants (each a publish of the project with -c Release -r linux-x64 and these properties):
        """ + "\n" + VariantList();

    private BenchOptions()
        : base(TimeSpan.FromSeconds(60), perFlavorEnvironment: false, "--variants", Variant.DefaultNames)
    {
    }

    /// <summary>The variants to publish and measure (--variants).</summary>
    public List<string> Variants => Names;

    protected override string DefaultBaseline => "R2R";

    /// <summary>Every option is a common one (<see cref="RoundRobinOptions"/>).</summary>
    public static BenchOptions Parse(string[] args) => ParseInto(new BenchOptions(), args, (_, _) => false);

    private static string VariantList() => string.Join(
        "\n",
        Variant.Known.Select(v => $"  {v.Name,-18}{v.Description}" +
            (v.Properties.Length == 0 ? "" : $"\n  {"",-18}{string.Join(' ', v.Properties)}")));
}
