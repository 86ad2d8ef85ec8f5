using System.Globalization;

namespace Serverless.Bench.Kit;

/// <summary>
/// The options of a bench that measures its flavours round-robin (<see cref="RoundRobin"/>): besides the common ones,
/// the flavours to publish and measure (<c>NAMES_OPTION A,B,...</c>; the defaults unless given or --prebuilt is),
/// <c>--runs N</c> (measured runs per flavour, default 20), <c>--warmup N</c> (unmeasured rounds first, default 1) and
/// <c>--baseline NAME</c> (the flavour the ratios are taken against).
/// </summary>
public abstract class RoundRobinOptions(
    TimeSpan timeout,
    bool perFlavorEnvironment,
    string namesOption,
    IReadOnlyList<string> defaultNames)
    : CommonOptions(timeout, perFlavorEnvironment)
{
    private bool _namesGiven;
    private string? _baseline;

    /// <summary>The flavours to publish (those not --prebuilt) and measure.</summary>
    public List<string> Names { get; } = [];

    public int Runs { get; private set; } = 20;

    public int Warmup { get; private set; } = 1;

    public string Baseline => _baseline ?? DefaultBaseline;

    /// <summary>The baseline without --baseline.</summary>
    protected abstract string DefaultBaseline { get; }

    protected override bool ReadCommon(string arg, Func<string> value)
    {
        if (arg == namesOption)
        {
            _namesGiven = true;
            Names.AddRange(OptionValues.List(value()));
            return true;
        }

        switch (arg)
        {
            case "--runs": Runs = OptionValues.Positive(arg, value()); return true;
            case "--warmup": Warmup = int.Parse(value(), CultureInfo.InvariantCulture); return true;
            case "--baseline": _baseline = value(); return true;
            default: return base.ReadCommon(arg, value);
        }
    }

    protected override void Complete()
    {
        if (!_namesGiven && Prebuilt.Count == 0)
        {
            Names.AddRange(defaultNames);
        }
    }
}
