using System.Globalization;

namespace Serverless.Bench.ColdStart;

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        coldstart: cold-start benchmark of the host's publish flavours, run round-robin side by side.

          dotnet run --project bench/coldstart -c Release -- [options]

          --flavors A,B,...   flavours to publish and measure (default: Aot,AotAzure,R2R,R2RStartup,Jit); a name
                              ending in Azure is that flavour published with -p:Cloud=Azure
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

    private string? _baseline;

    public List<string> Flavors { get; } = [];

    public Dictionary<string, string> Prebuilt { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Variables for every flavour, keyed by name.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables for one flavour: flavour name → (variable name → value).</summary>
    public Dictionary<string,
    Dictionary<string,
    string>> FlavorEnvironment { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> HealthOnly { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Publish { get; private set; } = true;

    public bool Reference { get; private set; } = true;

    public string? WorkingDirectory { get; private set; }

    public int Runs { get; private set; } = 20;

    public int Warmup { get; private set; } = 1;

    public string Baseline => _baseline ?? (Reference ? Publisher.LeanReferenceName : "Aot");

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(60);

    public string? WorkDirectory { get; private set; }

    public string? OutputFile { get; private set; }

    public string? Repository { get; private set; }

    public bool ShowHelp { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var flavorsGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--flavors":
                    flavorsGiven = true;
                    options.Flavors.AddRange(Value().Split(
                        ',',
                        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--prebuilt":
                    var (name, dir) = Pair(arg, Value());
                    options.Prebuilt[name] = Path.GetFullPath(dir);
                    break;
                case "--env":
                    var (key, value) = Pair(arg, Value());
                    var colon = key.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        var flavor = key[..colon];
                        if (!options.FlavorEnvironment.TryGetValue(flavor, out var variables))
                        {
                            options.FlavorEnvironment[flavor] = variables = new(StringComparer.Ordinal);
                        }

                        variables[key[(colon + 1)..]] = value;
                    }
                    else
                    {
                        options.Environment[key] = value;
                    }

                    break;
                case "--health-only": options.HealthOnly.Add(Value()); break;
                case "--no-publish": options.Publish = false; break;
                case "--no-reference": options.Reference = false; break;
                case "--cwd": options.WorkingDirectory = Path.GetFullPath(Value()); break;
                case "--runs": options.Runs = Positive(arg, Value()); break;
                case "--warmup": options.Warmup = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--baseline": options._baseline = Value(); break;
                case "--timeout": options.Timeout = TimeSpan.FromSeconds(Positive(arg, Value())); break;
                case "--work": options.WorkDirectory = Path.GetFullPath(Value()); break;
                case "--out": options.OutputFile = Path.GetFullPath(Value()); break;
                case "--repo": options.Repository = Path.GetFullPath(Value()); break;
                case "-h" or "--help": options.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown option {arg}.");
            }
        }

        if (!flavorsGiven && options.Prebuilt.Count == 0)
        {
            options.Flavors.AddRange(["Aot", "Aot" + Publisher.AzureSuffix, "R2R", "R2RStartup", "Jit"]);
        }

        return options;
    }

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
