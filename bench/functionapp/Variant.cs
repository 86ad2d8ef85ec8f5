namespace Serverless.Bench.FunctionApp;

/// <summary>
/// One way to publish functions/Serverless.Functions (always <c>-c Release -r linux-x64</c>): a name and the MSBuild
/// properties it adds to the shipped project.
/// </summary>
internal sealed record Variant(string Name, string Description, params string[] Properties)
{
    /// <summary>The variants the benchmark knows by name; <c>R2R</c> is the project as shipped.</summary>
    public static IReadOnlyList<Variant> Known { get; } =
    [
        new("R2R", "as shipped: ReadyToRun, framework-dependent"),
        new("Jit", "no ReadyToRun code", "-p:PublishReadyToRun=false"),
        new("R2RSelfContained", "ReadyToRun, self-contained (the runtime in the folder, its own R2R code)",
            "-p:SelfContained=true"),
        // The SDK turns composite off unless the app is self-contained (Microsoft.NET.CrossGen.targets).
        new("R2RComposite", "one composite R2R image of app + framework; needs self-contained",
            "-p:PublishReadyToRunComposite=true", "-p:SelfContained=true"),
        new("R2RNoPgo", "TieredPGO off (no instrumented tier)", "-p:TieredPGO=false"),
        new("R2RNoTiering", "TieredCompilation off (what R2R lacks is JIT-compiled fully optimized at once)",
            "-p:TieredCompilation=false"),
        new("R2RNoConcGc", "workstation GC without the background GC thread", "-p:ConcurrentGarbageCollection=false"),
        new("R2RSatellites", "satellite resource assemblies for 'en' only", "-p:SatelliteResourceLanguages=en"),
    ];

    public static IReadOnlyList<string> DefaultNames { get; } = [.. Known.Select(v => v.Name)];

    public static Variant Find(string name) =>
        Known.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown variant {name}; known: {string.Join(", ", Known.Select(v => v.Name))}.");
}
