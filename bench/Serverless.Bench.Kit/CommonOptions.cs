namespace Serverless.Bench.Kit;

/// <summary>
/// The options every benchmark takes: <c>--prebuilt NAME=DIR</c>, <c>--no-publish</c>, <c>--env NAME=VALUE</c> (and,
/// where the bench allows it, <c>--env FLAVOUR:NAME=VALUE</c>), <c>--timeout SECONDS</c>, <c>--work DIR</c>,
/// <c>--out FILE</c>, <c>--repo DIR</c> and <c>-h</c>/<c>--help</c>. A bench's options derive from it and read their
/// own options first (<see cref="ParseInto"/>).
/// </summary>
public abstract class CommonOptions(TimeSpan timeout, bool perFlavorEnvironment)
{
    /// <summary>Already published folders (or executables) by flavour name.</summary>
    public Dictionary<string, string> Prebuilt { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Variables for every flavour, keyed by name.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables for one flavour: flavour name → (variable name → value); empty unless allowed.</summary>
    public Dictionary<string, Dictionary<string, string>> FlavorEnvironment { get; } =
        new(StringComparer.OrdinalIgnoreCase);

    public bool Publish { get; private set; } = true;

    public TimeSpan Timeout { get; private set; } = timeout;

    public string? WorkDirectory { get; private set; }

    public string? OutputFile { get; private set; }

    public string? Repository { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>
    /// Reads <paramref name="args"/> into <paramref name="options"/>: each option goes to <paramref name="own"/> first
    /// (given the option and a function that takes its value; false when it is not the bench's own), then to the
    /// common ones; an option neither knows is an <see cref="ArgumentException"/>.
    /// </summary>
    public static T ParseInto<T>(T options, string[] args, Func<string, Func<string>, bool> own)
        where T : CommonOptions
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            if (!own(arg, Value) && !options.ReadCommon(arg, Value))
            {
                throw new ArgumentException($"Unknown option {arg}.");
            }
        }

        options.Complete();
        return options;
    }

    /// <summary>Fills in what depends on all the options read (defaults of lists).</summary>
    protected virtual void Complete()
    {
    }

    /// <summary>Reads one of the common options; false when <paramref name="arg"/> is none of them.</summary>
    protected virtual bool ReadCommon(string arg, Func<string> value)
    {
        switch (arg)
        {
            case "--prebuilt":
                var (name, dir) = OptionValues.Pair(arg, value());
                Prebuilt[name] = Path.GetFullPath(dir);
                break;
            case "--env": AddEnvironment(OptionValues.Pair(arg, value())); break;
            case "--no-publish": Publish = false; break;
            case "--timeout": Timeout = TimeSpan.FromSeconds(OptionValues.Positive(arg, value())); break;
            case "--work": WorkDirectory = Path.GetFullPath(value()); break;
            case "--out": OutputFile = Path.GetFullPath(value()); break;
            case "--repo": Repository = Path.GetFullPath(value()); break;
            case "-h" or "--help": ShowHelp = true; break;
            default: return false;
        }

        return true;
    }

    private void AddEnvironment((string Name, string Value) variable)
    {
        var (key, value) = variable;
        var colon = perFlavorEnvironment ? key.IndexOf(':', StringComparison.Ordinal) : -1;
        if (colon <= 0)
        {
            Environment[key] = value;
            return;
        }

        var flavor = key[..colon];
        if (!FlavorEnvironment.TryGetValue(flavor, out var variables))
        {
            FlavorEnvironment[flavor] = variables = new(StringComparer.Ordinal);
        }

        variables[key[(colon + 1)..]] = value;
    }
}
