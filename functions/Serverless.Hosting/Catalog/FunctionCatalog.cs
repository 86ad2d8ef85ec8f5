using Serverless.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Serverless.Hosting.Queues;

namespace Serverless.Hosting.Catalog;

/// <summary>
/// Every function of the app, read from the declarations themselves: HTTP functions from the endpoints marked with
/// <see cref="HttpFunctionEndpointExtensions.AsFunction{TBuilder}"/>, queue functions from
/// <see cref="QueueFunctionServiceCollectionExtensions.AddQueueFunction"/>. Complete once the app's endpoints are
/// mapped.
/// </summary>
public sealed class FunctionCatalog(
    EndpointDataSource endpoints, IEnumerable<QueueFunction> queueFunctions, IOptions<FunctionsHostOptions> options)
{
    /// <summary>The HTTP functions, ordered by name.</summary>
    public IReadOnlyList<HttpFunctionDescriptor> HttpFunctions =>
        [.. endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Function: e.Metadata.GetMetadata<HttpFunctionMetadata>()))
            .Where(e => e.Function is not null)
            .Select(e => new HttpFunctionDescriptor(
                e.Function!.Name,
                [.. e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Select(m => m.ToUpperInvariant())
                    ?? []],
                RouteText(e.Endpoint),
                e.Function.AuthLevel) { RoutePrefix = FunctionsRoutePrefix.Normalize(options.Value.RoutePrefix) })
            .OrderBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>The queue functions, ordered by name.</summary>
    public IReadOnlyList<QueueFunction> QueueFunctions =>
        [.. queueFunctions.OrderBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>Throws when two functions share a name (names are case-insensitive, as in Azure Functions).</summary>
    /// <exception cref="InvalidOperationException">A name is declared twice.</exception>
    public void Validate()
    {
        var duplicate = HttpFunctions.Select(f => f.Name).Concat(QueueFunctions.Select(f => f.Name))
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"The function name '{duplicate.Key}' is declared more than once; " +
                $"function names must be unique.");
        }
    }

    private static string RouteText(RouteEndpoint endpoint)
    {
        // A group's "/" endpoint combines to "/api/orders/": list it as the "/api/orders" it also answers.
        var raw = (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
        return "/" + raw;
    }
}
