using Serverless.Http;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Hosting.Http;

/// <summary>
/// Checks function keys the way the Azure Functions host does: off until a key is configured; then the
/// <c>x-functions-key</c> header or <c>code</c> query must hold a key good enough for the endpoint's level.
/// Runs after routing, so it sees the endpoint's <see cref="HttpFunctionMetadata"/>.
/// </summary>
internal sealed class FunctionKeyMiddleware
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQuery = "code";

    // Where an accepted key is left for the rate limiter, which may partition only by a key the host has checked.
    private static readonly object AcceptedKeyItem = new();

    private readonly byte[]? _functionKeyHash;
    private readonly byte[]? _adminKeyHash;
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<FunctionKeyMiddleware> _logger;

    public FunctionKeyMiddleware(
        IOptions<FunctionsHostOptions> options,
        IProblemDetailsService problems,
        ILogger<FunctionKeyMiddleware> logger)
    {
        _functionKeyHash = Hash(options.Value.FunctionKey);
        _adminKeyHash = Hash(options.Value.AdminKey);
        _problems = problems;
        _logger = logger;
    }

    /// <summary>Whether any key is configured; without one every endpoint is open, as under Core Tools.</summary>
    public bool KeysEnabled => _functionKeyHash is not null || _adminKeyHash is not null;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!KeysEnabled)
        {
            return next(context);
        }

        var level = RequiredLevel(context);
        var key = PresentedKey(context.Request);
        if (IsAccepted(key, level))
        {
            context.Items[AcceptedKeyItem] = key;
            return next(context);
        }

        if (level == AuthorizationLevel.Anonymous)
        {
            return next(context);
        }

        _logger.KeyRejected(context.Request.Path, level);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return WriteAsync(_problems, new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = level == AuthorizationLevel.Admin
                    ? "This endpoint needs the admin key, in the x-functions-key header or the code query parameter."
                    : "This function needs a function key, in the x-functions-key header or the code query parameter.",
            },
        });
    }

    /// <summary>The key this middleware accepted the request with, or <see langword="null"/>.</summary>
    public static string? AcceptedKey(HttpContext context) => context.Items[AcceptedKeyItem] as string;

    // A client accepting no JSON at all gets the bare status code rather than an error.
    private static async Task WriteAsync(IProblemDetailsService problems, ProblemDetailsContext context) =>
        await problems.TryWriteAsync(context).ConfigureAwait(false);

    /// <summary>
    /// The endpoint's declared level; otherwise webhooks are admin level, other routes function level (Azure's
    /// default), and endpoints that are not routes (such as the 405 answer) pass.
    /// </summary>
    internal static AuthorizationLevel RequiredLevel(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is not RouteEndpoint)
        {
            return AuthorizationLevel.Anonymous;
        }

        if (endpoint.Metadata.GetMetadata<HttpFunctionMetadata>() is { } function)
        {
            return function.AuthLevel;
        }

        if (context.Request.Path.StartsWithSegments(FunctionsRoutes.WebhooksPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthorizationLevel.Admin;
        }

        return endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            ? AuthorizationLevel.Anonymous
            : AuthorizationLevel.Function;
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[KeyHeader].ToString();
        return header.Length > 0 ? header : request.Query[KeyQuery].ToString() is { Length: > 0 } code ? code : null;
    }

    private bool IsAccepted(string? key, AuthorizationLevel level)
    {
        if (key is null)
        {
            return false;
        }

        var presented = Hash(key)!;
        var admin = Matches(presented, _adminKeyHash);
        var function = Matches(presented, _functionKeyHash);
        return level == AuthorizationLevel.Admin ? admin : admin | function;
    }

    // Hashing first gives equal-length inputs, so the comparison reveals neither content nor length.
    private static bool Matches(byte[] presented, byte[]? expected) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(presented, expected);

    private static byte[]? Hash(string? key) =>
        string.IsNullOrEmpty(key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
