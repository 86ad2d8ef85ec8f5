using Serverless.Http;

namespace Serverless.Hosting.Catalog;

/// <summary>One HTTP function as declared: what function.json generation and the start-up listing need.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Methods">The HTTP methods it answers (upper case); empty means every method.</param>
/// <param name="Route">The full route template, e.g. <c>/api/orders/{id}</c>.</param>
/// <param name="AuthLevel">The key it needs.</param>
public sealed record HttpFunctionDescriptor(
    string Name,
    IReadOnlyList<string> Methods,
    string Route,
    AuthorizationLevel AuthLevel)
{
    /// <summary>The route prefix the host maps HTTP functions under (no slashes; empty for none).</summary>
    public string RoutePrefix { get; init; } = FunctionsRoutePrefix.Default;

    /// <summary>
    /// The route relative to <see cref="RoutePrefix"/> (<c>orders/{id}</c>), as function.json's <c>route</c> wants it.
    /// </summary>
    public string RelativeRoute
    {
        get
        {
            var prefix = RoutePrefix.Length == 0 ? "/" : "/" + RoutePrefix + "/";
            return Route.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                ? Route[prefix.Length..]
                : Route.TrimStart('/');
        }
    }
}
