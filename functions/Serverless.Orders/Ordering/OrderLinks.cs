using Microsoft.AspNetCore.Http;

namespace Serverless.Orders.Ordering;

/// <summary>
/// Builds the absolute URI of an order (<c>{scheme}://{host}{pathBase}/{routePrefix}/orders/{orderId}</c>) from the
/// request, so every host answers with the same <c>Location</c> whatever maps its routes.
/// </summary>
public sealed class OrderLinks
{
    /// <summary>
    /// Links under <paramref name="routePrefix"/> (host.json's <c>extensions.http.routePrefix</c>; may be empty).
    /// </summary>
    public OrderLinks(string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(routePrefix);
        var trimmed = routePrefix.Trim('/');
        RoutePrefix = trimmed.Length == 0 ? string.Empty : "/" + trimmed;
    }

    /// <summary>The route prefix with a leading slash, or empty.</summary>
    public string RoutePrefix { get; }

    /// <summary>
    /// The URI <c>GET /orders/{orderId}</c> answers at, for the host <paramref name="request"/> reached.
    /// </summary>
    public string OrderUri(HttpRequest request, string orderId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"{RoutePrefix}/orders/{Uri.EscapeDataString(orderId)}";
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
    }
}
