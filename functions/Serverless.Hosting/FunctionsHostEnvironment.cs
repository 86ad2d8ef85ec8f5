using System.Net;
using Microsoft.Extensions.Configuration;

namespace Serverless.Hosting;

/// <summary>
/// Where and how this process hosts its functions; decided once at start-up and registered as a singleton.
/// </summary>
/// <param name="Mode">Who triggers the functions.</param>
/// <param name="ListenEndpoint">The endpoint Kestrel listens on (port 0 until bound: read the server's addresses for
/// the real one); <see langword="null"/> in Lambda mode.</param>
/// <param name="DataDirectory">The absolute directory for embedded storage (<c>Serverless:DataDir</c> or
/// <c>--data-dir</c>; default <c>./.data</c>).</param>
public sealed record FunctionsHostEnvironment(HostingMode Mode, IPEndPoint? ListenEndpoint, string DataDirectory)
{
    /// <summary>The data directory used when none is configured, relative to the content root.</summary>
    public const string DefaultDataDirectory = ".data";

    /// <summary>
    /// Reads the environment from configuration; relative paths are resolved against <paramref name="contentRoot"/>.
    /// </summary>
    public static FunctionsHostEnvironment FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var mode = HostingModeDetector.Detect(configuration);
        var dataDir = configuration[FunctionsHostOptions.SectionName + ":DataDir"];
        var directory = Path.GetFullPath(
            string.IsNullOrWhiteSpace(dataDir) ? DefaultDataDirectory : dataDir,
            contentRoot);
        return new FunctionsHostEnvironment(
            mode,
            HostingModeDetector.GetListenEndpoint(configuration, mode),
            directory);
    }
}
