using Azure.Core;
using Azure.Identity;

namespace Serverless.Functions;

/// <summary>
/// The credential of an identity-based connection, as the Functions host makes it from <c>__credential</c> and
/// <c>__clientId</c>.
/// </summary>
internal static class ManagedIdentityCredentials
{
    public static TokenCredential Create(string? credentialKind, string? clientId)
    {
        clientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId;
        if (string.Equals(credentialKind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return clientId is null
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
