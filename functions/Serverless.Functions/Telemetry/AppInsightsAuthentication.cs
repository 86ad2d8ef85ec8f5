using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Serverless.Functions.Telemetry;

/// <summary>
/// How the worker authenticates to Application Insights: <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, read as
/// the Functions host reads it, so both processes send as the same identity. <c>Authorization=AAD</c> with
/// <c>ClientId=&lt;client id&gt;</c> is that user-assigned managed identity (infra sets the app's), without a
/// client id the system-assigned one. Unset: no credential, the connection string's instrumentation key alone, which
/// a component with local authentication disabled (as infra deploys it) refuses.
/// </summary>
public static class AppInsightsAuthentication
{
    /// <summary>The setting's name.</summary>
    public const string Setting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The managed identity credential the setting names; <see langword="null"/> when it is unset.</summary>
    /// <exception cref="InvalidOperationException">
    /// The setting is not <c>Authorization=AAD[;ClientId=...]</c>.
    /// </exception>
    public static TokenCredential? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string? authorization = null;
        string? clientId = null;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            var key = separator < 0 ? part : part[..separator].Trim();
            var value = separator < 0 ? "" : part[(separator + 1)..].Trim();
            if (key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                authorization = value;
            }
            else if (key.Equals("ClientId", StringComparison.OrdinalIgnoreCase))
            {
                clientId = value;
            }
            else
            {
                throw Malformed(text, $"'{key}' is not a key of it");
            }
        }

        if (!string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed(text, "it needs Authorization=AAD");
        }

        return ManagedIdentityCredentials.Create("managedidentity", clientId);
    }

    private static InvalidOperationException Malformed(string text, string reason) =>
        new($"{Setting} is '{text}': {reason} (Authorization=AAD, optionally ClientId=<managed identity client id>).");
}
