using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Serverless.Http;

/// <summary>Declares minimal-API endpoints as HTTP functions.</summary>
public static class HttpFunctionEndpointExtensions
{
    /// <summary>
    /// Marks one endpoint as the HTTP function <paramref name="name"/> with the given key level, and names the endpoint
    /// <paramref name="name"/> too (for link generation). An endpoint that answers GET answers HEAD as well (the server
    /// sends the headers without the body). The local host's function catalog reads the methods and route from the
    /// endpoint itself, so the declaration is made once. Call it on a single endpoint, never on a route group.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid function name.</exception>
    public static TBuilder AsFunction<TBuilder>(
        this TBuilder builder,
        string name,
        AuthorizationLevel authLevel = AuthorizationLevel.Function)
        where TBuilder : IEndpointConventionBuilder
    {
        FunctionNames.Validate(name, nameof(name));
        return builder.AnswerHeadWhereGet().WithMetadata(
            new HttpFunctionMetadata(name, authLevel),
            new EndpointNameMetadata(name),
            new RouteNameMetadata(name));
    }

    /// <summary>
    /// Marks the endpoint as one that starts new work (placing an order): a host that is behind refuses it with 503 and
    /// <c>Retry-After</c> instead of letting the backlog, and every order's latency with it, grow without bound.
    /// </summary>
    public static TBuilder WithAdmissionControl<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AdmissionControlMetadata.Instance);

    /// <summary>
    /// Makes every endpoint of <paramref name="builder"/> (one, or a route group's) that answers GET answer HEAD as
    /// well: the server sends the headers without the body.
    /// </summary>
    public static TBuilder AnswerHeadWhereGet<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(static endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)
                && !methods.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head]));
            }
        });
        return builder;
    }
}
