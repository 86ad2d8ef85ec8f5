using System.Globalization;

namespace Serverless.Bench.FunctionApp;

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions
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

    public List<string> Variants { get; } = [];

    public Dictionary<string, string> Prebuilt { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public bool Publish { get; private set; } = true;

    public int Runs { get; private set; } = 20;

    public int Warmup { get; private set; } = 1;

    public string Baseline { get; private set; } = "R2R";

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(60);

    public string? WorkDirectory { get; private set; }

    public string? OutputFile { get; private set; }

    public string? Repository { get; private set; }

    public bool ShowHelp { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var variantsGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--variants":
                    variantsGiven = true;
                    options.Variants.AddRange(Value().Split(
                        ',',
                        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--prebuilt":
                    var (name, dir) = Pair(arg, Value());
                    options.Prebuilt[name] = Path.GetFullPath(dir);
                    break;
                case "--env":
                    var (key, value) = Pair(arg, Value());
                    options.Environment[key] = value;
                    break;
                case "--no-publish": options.Publish = false; break;
                case "--runs": options.Runs = Positive(arg, Value()); break;
                case "--warmup": options.Warmup = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--baseline": options.Baseline = Value(); break;
                case "--timeout": options.Timeout = TimeSpan.FromSeconds(Positive(arg, Value())); break;
                case "--work": options.WorkDirectory = Path.GetFullPath(Value()); break;
                case "--out": options.OutputFile = Path.GetFullPath(Value()); break;
                case "--repo": options.Repository = Path.GetFullPath(Value()); break;
                case "-h" or "--help": options.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown option {arg}.");
            }
        }

        if (!variantsGiven && options.Prebuilt.Count == 0)
        {
            options.Variants.AddRange(Variant.DefaultNames);
        }

        return options;
    }

    private static string VariantList() => string.Join(
        "\n",
        Variant.Known.Select(v => $"  {v.Name,-18}{v.Description}" +
            (v.Properties.Length == 0 ? "" : $"\n  {"",-18}{string.Join(' ', v.Properties)}")));

    private static (string Name, string Value) Pair(string option, string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        return at > 0
            ? (text[..at], text[(at + 1)..])
            : throw new ArgumentException($"{option} takes NAME=VALUE, not '{text}'.");
    }

    private static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} takes a positive number, not '{text}'.");
}
