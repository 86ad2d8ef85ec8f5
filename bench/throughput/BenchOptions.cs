using System.Globalization;

namespace Serverless.Bench.Throughput;

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        throughput: order-saga throughput of the Native AOT host on embedded SQLite, and of the Durable Functions
        Azure Storage backend (DurableTask.AzureStorage through the Durable Task SDK, on Azurite) for comparison.

          dotnet run --project bench/throughput -c Release -- [options]

          --orders N          closed loop: orders to place (default 3000; 0 skips the closed loop)
          --clients C         closed loop: concurrent clients, each POSTs its next order as soon as the last is accepted
                              (default 32)
          --rates R1,R2,...   open loop: offered orders/s, one run each (default 200; "none" skips the open loop)
          --duration S        open loop: seconds of offered load per rate (default 20)
          --skus K            SKUs the orders spread over, round-robin (default 1: every order contends for one row)
          --azure-orders N    Azure Storage comparison: orders, closed loop with the same --clients (default 300;
                              0 skips it)
          --prebuilt NAME=DIR measure an already published host folder (holding Serverless.Host) as NAME (repeatable;
                              skips publishing); without it the work tree's host is published as Aot
          --no-publish        reuse WORK/publish/Aot from an earlier run
          --env NAME=VALUE    environment variable for every host process (repeatable); inherited DOTNET_*,
                              COMPlus_*, ASPNETCORE_* and Serverless__* variables are never passed on
          --env FLAVOUR:NAME=VALUE  the same for one --prebuilt host only (measure a runtime knob side by side)
          --timeout SECONDS   limit for the sagas of one run to settle after the last order was accepted (default 300)
          --work DIR          publish and scratch folder (default: <repo>/artifacts/throughput)
          --out FILE          also write the markdown report to FILE
          --repo DIR          repository root (default: found from the working directory)
        """;

    public int Orders { get; private set; } = 3000;

    public int Clients { get; private set; } = 32;

    public List<int> Rates { get; } = [];

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(20);

    public int Skus { get; private set; } = 1;

    public int AzureOrders { get; private set; } = 300;

    public Dictionary<string, string> Prebuilt { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Publish { get; private set; } = true;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables for one host: flavour name → (variable name → value).</summary>
    public Dictionary<string, Dictionary<string, string>> FlavorEnvironment { get; } =
        new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(300);

    public string? WorkDirectory { get; private set; }

    public string? OutputFile { get; private set; }

    public string? Repository { get; private set; }

    public bool ShowHelp { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var ratesGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--orders": options.Orders = NonNegative(arg, Value()); break;
                case "--clients": options.Clients = Positive(arg, Value()); break;
                case "--rates":
                    ratesGiven = true;
                    var rates = Value();
                    if (!string.Equals(rates, "none", StringComparison.OrdinalIgnoreCase))
                    {
                        options.Rates.AddRange(rates.Split(
                            ',',
                            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r =>
                                Positive(
                            arg,
                            r)));
                    }

                    break;
                case "--duration": options.Duration = TimeSpan.FromSeconds(Positive(arg, Value())); break;
                case "--skus": options.Skus = Positive(arg, Value()); break;
                case "--azure-orders": options.AzureOrders = NonNegative(arg, Value()); break;
                case "--prebuilt":
                    var (name, dir) = Pair(arg, Value());
                    options.Prebuilt[name] = Path.GetFullPath(dir);
                    break;
                case "--no-publish": options.Publish = false; break;
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
                case "--timeout": options.Timeout = TimeSpan.FromSeconds(Positive(arg, Value())); break;
                case "--work": options.WorkDirectory = Path.GetFullPath(Value()); break;
                case "--out": options.OutputFile = Path.GetFullPath(Value()); break;
                case "--repo": options.Repository = Path.GetFullPath(Value()); break;
                case "-h" or "--help": options.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown option {arg}.");
            }
        }

        if (!ratesGiven)
        {
            options.Rates.Add(200);
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

    private static int NonNegative(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{option} takes a number, not '{text}'.");
}
