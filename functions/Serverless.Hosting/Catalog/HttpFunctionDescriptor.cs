using Serverless.Hosting.Http;

namespace Serverless.Hosting.Catalog;

/// <summary>One HTTP function as declared: what function.json generation and the start-up listing need.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Methods">The HTTP methods it answers (upper case); empty means every method.</param>
/// <param name="Route">The full route template, e.g. <c>/api/orders/{id}</c>.</param>
/// <param name="AuthLevel">The key it needs.</param>
public sealed record HttpFunctionDescriptor(string Name, IReadOnlyList<string> Methods, string Route, AuthorizationLevel AuthLevel)
{
    /// <summary>The route relative to <see cref="FunctionsRoutes.ApiPrefix"/> (<c>orders/{id}</c>), as function.json's <c>route</c> wants it.</summary>
    public string RelativeRoute =>
        Route.StartsWith(FunctionsRoutes.ApiPrefix + "/", StringComparison.OrdinalIgnoreCase) ? Route[(FunctionsRoutes.ApiPrefix.Length + 1)..] : Route.TrimStart('/');
}
