using Serverless.Bench.Kit;

namespace Serverless.Bench.Throughput;

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions : CommonOptions
{
    public const string Usage = """
        throughput: order-saga throughput of the Native AOT host on embedded SQLite (with --aws also on DynamoDB +
        SQS emulators), and of the Durable Functions Azure Storage backend (DurableTask.AzureStorage through the
        Durable Task SDK, on Azurite) for comparison.

          dotnet run --project bench/throughput -c Release -- [options]

          --orders N          closed loop: orders to place (default 3000; 0 skips the closed loop)
          --clients C         closed loop: concurrent clients, each POSTs its next order as soon as the last is accepted
                              (default 32)
          --rates R1,R2,...   open loop: offered orders/s, one run each (default 200; "none" skips the open loop)
          --duration S        open loop: seconds of offered load per rate (default 20)
          --skus K            SKUs the orders spread over, round-robin (default 1: every order contends for one row)
          --azure-orders N    Azure Storage comparison: orders, closed loop with the same --clients (default 300;
                              0 skips it)
          --aws               also publish the work tree's host with -p:Cloud=Aws (as AotAws, into WORK/publish/AotAws)
                              and measure it on the AWS backend: DynamoDB Local and fauxqs, started once for the
                              bench run, a fresh table and queue prefix per host run; every shape runs on it too
          --azurite           run every host not built for AWS on Azure Storage: an in-memory Azurite started fresh
                              for each host run (AzureWebJobsStorage set to it), whose CPU the report shows beside
                              the host's (how busy the one Node process was, and its CPU per saga)
          --prebuilt NAME=DIR measure an already published host folder (holding Serverless.Host) as NAME (repeatable;
                              skips publishing Aot); without it the work tree's host is published as Aot. A NAME
                              ending in Aws (a -p:Cloud=Aws build) runs on the AWS emulators as AotAws does
          --no-publish        reuse WORK/publish/Aot (and AotAws) from an earlier run
          --env NAME=VALUE    environment variable for every host process (repeatable); inherited DOTNET_*,
                              COMPlus_*, ASPNETCORE_*, Serverless__*, AzureWebJobs* and AWS_* variables are never
                              passed on
          --env FLAVOUR:NAME=VALUE  the same for one --prebuilt host only (measure a runtime knob side by side)
          --otlp-receiver NAME  export the telemetry of host NAME (repeatable) over OTLP/HTTP to a receiver the bench
                              runs (OTEL_EXPORTER_OTLP_ENDPOINT and _PROTOCOL set): tracing and metrics on, exporting
          --idle S            after each host run and a further 20 s for its pollers to back off, seconds with
                              nothing to do over which its storage requests/s are counted (default 30; 0 skips it)
          --timeout SECONDS   limit for the sagas of one run to settle after the last order was accepted (default 300)
          --work DIR          publish and scratch folder (default: <repo>/artifacts/throughput)
          --out FILE          also write the markdown report to FILE
          --repo DIR          repository root (default: found from the working directory)
        """;

    private BenchOptions()
        : base(TimeSpan.FromSeconds(300), perFlavorEnvironment: true)
    {
    }

    public int Orders { get; private set; } = 3000;

    public int Clients { get; private set; } = 32;

    public List<int> Rates { get; } = [];

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(20);

    public int Skus { get; private set; } = 1;

    public int AzureOrders { get; private set; } = 300;

    public TimeSpan Idle { get; private set; } = TimeSpan.FromSeconds(30);

    /// <summary>The hosts whose telemetry goes to the bench's OTLP receiver.</summary>
    public HashSet<string> OtlpExporting { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the work tree's host is also published with the AWS backend and run on the emulators.</summary>
    public bool Aws { get; private set; }

    /// <summary>Whether hosts not built for AWS run on an Azurite of their own, started for each host run.</summary>
    public bool Azurite { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var ratesGiven = false;
        ParseInto(options, args, (arg, value) =>
        {
            switch (arg)
            {
                case "--orders": options.Orders = OptionValues.NonNegative(arg, value()); break;
                case "--clients": options.Clients = OptionValues.Positive(arg, value()); break;
                case "--rates":
                    ratesGiven = true;
                    var rates = value();
                    if (!string.Equals(rates, "none", StringComparison.OrdinalIgnoreCase))
                    {
                        options.Rates.AddRange(OptionValues.List(rates).Select(r => OptionValues.Positive(arg, r)));
                    }

                    break;
                case "--duration":
                    options.Duration = TimeSpan.FromSeconds(OptionValues.Positive(arg, value()));
                    break;
                case "--skus": options.Skus = OptionValues.Positive(arg, value()); break;
                case "--azure-orders": options.AzureOrders = OptionValues.NonNegative(arg, value()); break;
                case "--aws": options.Aws = true; break;
                case "--azurite": options.Azurite = true; break;
                case "--otlp-receiver": options.OtlpExporting.Add(value()); break;
                case "--idle": options.Idle = TimeSpan.FromSeconds(OptionValues.NonNegative(arg, value())); break;
                default: return false;
            }

            return true;
        });

        if (!ratesGiven)
        {
            options.Rates.Add(200);
        }

        return options;
    }
}
