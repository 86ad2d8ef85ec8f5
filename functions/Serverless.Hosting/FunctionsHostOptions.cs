using Serverless.Http;
using Serverless.Http.Limits;
using Serverless.Hosting.Http.Admission;

namespace Serverless.Hosting;

/// <summary>
/// Settings of the functions host, bound from the <c>Serverless</c> section (environment <c>Serverless__AdminKey</c>,
/// <c>local.settings.json</c> <c>Values</c>, or <c>--Serverless:AdminKey=...</c>).
/// </summary>
public sealed class FunctionsHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Serverless";

    /// <summary>The local port (<c>--port</c>); see <see cref="HostingModeDetector.GetListenEndpoint"/>.</summary>
    public int Port { get; set; } = HostingModeDetector.DefaultLocalPort;

    /// <summary>
    /// The embedded storage directory (<c>--data-dir</c>); see <see cref="FunctionsHostEnvironment.DataDirectory"/>.
    /// </summary>
    public string? DataDir { get; set; }

    /// <summary>
    /// The function key. Keys are off (as in Core Tools) until this or <see cref="AdminKey"/> is set; then
    /// function-level endpoints need this key or the admin key.
    /// </summary>
    public string? FunctionKey { get; set; }

    /// <summary>The admin (master) key: accepted everywhere, and the only key admin-level endpoints accept.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// The prefix of every HTTP function's route (default <c>api</c>; host.json's <c>extensions.http.routePrefix</c>,
    /// read into <c>Serverless:RoutePrefix</c>); empty for none.
    /// </summary>
    public string RoutePrefix { get; set; } = FunctionsRoutePrefix.Default;

    /// <summary>The largest request body accepted, in bytes (default 64 KiB); larger bodies get 413.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>
    /// How long in-flight requests and queue handlers may run on after shutdown starts (default 15 s).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Console log format: <c>simple</c> (one line per entry, the default) or <c>json</c>.</summary>
    public string LogFormat { get; set; } = "simple";

    /// <summary>When new orders are refused because the host is behind (<c>Serverless:Admission</c>).</summary>
    public AdmissionOptions Admission { get; set; } = new();

    /// <summary>Per-client rate limits (<c>Serverless:RateLimit</c>; off by default).</summary>
    public ClientRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Every setting that is out of range, as one line each naming it.</summary>
    internal IEnumerable<string> Validate()
    {
        if (MaxRequestBodySize < 1)
        {
            yield return $"{SectionName}:MaxRequestBodySize is {MaxRequestBodySize}; it must be at least 1 byte.";
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            yield return $"{SectionName}:ShutdownTimeout is {ShutdownTimeout}; it must not be negative.";
        }

        if (!string.Equals(LogFormat, "simple", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(LogFormat, "json", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{SectionName}:LogFormat is '{LogFormat}'; it must be 'simple' or 'json'.";
        }

        foreach (var error in Admission.Validate(SectionName + ":Admission").Concat(RateLimit.Validate()))
        {
            yield return error;
        }
    }
}
