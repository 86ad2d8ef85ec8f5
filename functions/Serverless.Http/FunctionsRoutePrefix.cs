using Microsoft.Extensions.Configuration;

namespace Serverless.Http;

/// <summary>
/// The route prefix of every HTTP function: host.json's <c>extensions.http.routePrefix</c>, which each host reads into
/// configuration (<see cref="Configuration.HostJsonSettings"/>), so links and routes agree with the Functions host's.
/// </summary>
public static class FunctionsRoutePrefix
{
    /// <summary>Azure Functions' default prefix, used when host.json sets none.</summary>
    public const string Default = "api";

    /// <summary>The configuration key host.json's <c>extensions.http.routePrefix</c> is read into.</summary>
    public const string ConfigurationKey = "Serverless:RoutePrefix";

    /// <summary>
    /// The prefix <paramref name="configuration"/> holds, without slashes (empty for none), or <see cref="Default"/>.
    /// </summary>
    public static string Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Normalize(configuration[ConfigurationKey] ?? Default);
    }

    /// <summary><paramref name="prefix"/> without leading or trailing slashes.</summary>
    public static string Normalize(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return prefix.Trim('/');
    }
}
