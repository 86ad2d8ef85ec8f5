namespace Serverless.Bench.ColdStart;

/// <summary>
/// Flavours run in Lambda mode: a name ending in <c>Lambda</c> (<c>AotAwsLambda</c>) is the build named without it
/// (<c>AotAws</c>) started as Lambda starts <c>bootstrap</c>, under the bench's Runtime API
/// (<see cref="LambdaStart"/>).
/// </summary>
internal static class LambdaFlavors
{
    public const string Suffix = "Lambda";

    public static bool Is(string flavor) =>
        flavor.EndsWith(Suffix, StringComparison.Ordinal) && flavor.Length > Suffix.Length;

    /// <summary>The build a flavour runs: its name without <see cref="Suffix"/> in Lambda mode.</summary>
    public static string Build(string flavor) => Is(flavor) ? flavor[..^Suffix.Length] : flavor;
}
