using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Serverless.Storage.Azure.Configuration;

/// <summary>
/// Where the storage account is and how to sign in, read the way Azure Functions reads a connection: a setting
/// <c>NAME</c> holding a connection string (<c>UseDevelopmentStorage=true</c> for Azurite), or identity-based settings
/// <c>NAME__accountName</c> / <c>NAME__tableServiceUri</c> / <c>NAME__queueServiceUri</c> (and
/// <c>NAME__blobServiceUri</c>, read only by the replay check of a Durable Functions task hub) with
/// <c>NAME__credential</c> = <c>managedidentity</c> and <c>NAME__clientId</c> for a user-assigned identity.
/// </summary>
public sealed class AzureStorageConnection
{
    /// <summary>The connection every Functions app has.</summary>
    public const string DefaultName = "AzureWebJobsStorage";

    private AzureStorageConnection(
        string? connectionString,
        Uri? tableServiceUri,
        Uri? queueServiceUri,
        Uri? blobServiceUri,
        string? credential,
        string? clientId)
    {
        ConnectionString = connectionString;
        TableServiceUri = tableServiceUri;
        QueueServiceUri = queueServiceUri;
        BlobServiceUri = blobServiceUri;
        CredentialKind = credential;
        ClientId = clientId;
    }

    /// <summary>The connection string, when the connection is one.</summary>
    public string? ConnectionString { get; }

    /// <summary>The table service, when signing in with an identity.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>The queue service, when signing in with an identity.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The blob service, when signing in with an identity and it is known.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>
    /// The <c>__credential</c> setting (<c>managedidentity</c>, or none for <see cref="DefaultAzureCredential"/>).
    /// </summary>
    public string? CredentialKind { get; }

    /// <summary>The <c>__clientId</c> setting: the client id of a user-assigned managed identity.</summary>
    public string? ClientId { get; }

    /// <summary>
    /// Whether <paramref name="configuration"/> holds the connection <paramref name="name"/> in either form.
    /// </summary>
    public static bool IsConfigured(IConfiguration configuration, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        return !string.IsNullOrWhiteSpace(section.Value)
            || !string.IsNullOrWhiteSpace(section["accountName"])
            || !string.IsNullOrWhiteSpace(section["tableServiceUri"])
            || !string.IsNullOrWhiteSpace(section["queueServiceUri"]);
    }

    /// <summary>
    /// Reads the connection <paramref name="name"/>; throws <see cref="InvalidOperationException"/> naming what is
    /// missing.
    /// </summary>
    public static AzureStorageConnection Read(IConfiguration configuration, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new AzureStorageConnection(section.Value.Trim(), null, null, null, null, null);
        }

        var account = section["accountName"];
        var tables = ServiceUri(section, "tableServiceUri", account, "table");
        var queues = ServiceUri(section, "queueServiceUri", account, "queue");
        if (tables is null || queues is null)
        {
            throw new InvalidOperationException(
                $"The storage connection '{name}' needs a connection string ({name}), or {name}__accountName, or " +
                    $"both " +
                    $"{name}__tableServiceUri and {name}__queueServiceUri.");
        }

        var blobs = ServiceUri(section, "blobServiceUri", account, "blob");
        return new AzureStorageConnection(null, tables, queues, blobs, section["credential"], section["clientId"]);
    }

    /// <summary>
    /// The credential for identity-based connections: a managed identity when asked for, else
    /// <see cref="DefaultAzureCredential"/>.
    /// </summary>
    public TokenCredential CreateCredential()
    {
        var clientId = string.IsNullOrWhiteSpace(ClientId) ? null : ClientId;
        if (string.Equals(CredentialKind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return clientId is null
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    private static Uri? ServiceUri(IConfigurationSection section, string key, string? account, string service)
    {
        var explicitUri = section[key];
        if (!string.IsNullOrWhiteSpace(explicitUri))
        {
            return Uri.TryCreate(explicitUri, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"{section.Path}__{key} is not an absolute URI: " +
                    $"'{explicitUri}'.");
        }

        return string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.{service}.core.windows.net");
    }
}
