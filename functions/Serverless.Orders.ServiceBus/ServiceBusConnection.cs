using Azure.Core;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;

namespace Serverless.Orders.ServiceBus;

/// <summary>
/// The <c>ServiceBus</c> connection, read as Azure Functions reads connections: <c>ServiceBus</c> holding a connection
/// string, or <c>ServiceBus__fullyQualifiedNamespace</c> with <c>ServiceBus__credential</c> = <c>managedidentity</c>
/// and <c>ServiceBus__clientId</c> (a user-assigned identity).
/// </summary>
public sealed class ServiceBusConnection
{
    /// <summary>The connection's name.</summary>
    public const string Name = "ServiceBus";

    private ServiceBusConnection(
        string? connectionString,
        string? fullyQualifiedNamespace,
        string? credential,
        string? clientId)
    {
        ConnectionString = connectionString;
        FullyQualifiedNamespace = fullyQualifiedNamespace;
        CredentialKind = credential;
        ClientId = clientId;
    }

    /// <summary>The connection string, when the connection is one.</summary>
    public string? ConnectionString { get; }

    /// <summary>The namespace (<c>&lt;name&gt;.servicebus.windows.net</c>), when signing in with an identity.</summary>
    public string? FullyQualifiedNamespace { get; }

    /// <summary>The <c>__credential</c> setting.</summary>
    public string? CredentialKind { get; }

    /// <summary>The <c>__clientId</c> setting.</summary>
    public string? ClientId { get; }

    /// <summary>Whether either form of the connection is configured.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Name);
        return !string.IsNullOrWhiteSpace(section.Value)
            || !string.IsNullOrWhiteSpace(section["fullyQualifiedNamespace"]);
    }

    /// <summary>Reads the connection.</summary>
    /// <exception cref="InvalidOperationException">Neither form is configured.</exception>
    public static ServiceBusConnection Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new ServiceBusConnection(section.Value.Trim(), null, null, null);
        }

        var fullyQualifiedNamespace = section["fullyQualifiedNamespace"];
        return string.IsNullOrWhiteSpace(fullyQualifiedNamespace)
            ? throw new InvalidOperationException($"The Service Bus connection needs {Name} (a connection string) or " +
                $"{Name}__fullyQualifiedNamespace.")
            : new ServiceBusConnection(
                null,
                fullyQualifiedNamespace.Trim(),
                section["credential"],
                section["clientId"]);
    }

    /// <summary>
    /// A client for the connection. An identity-based connection needs <paramref name="createCredential"/>, which gets
    /// <see cref="CredentialKind"/> and <see cref="ClientId"/> (the Function App passes a managed identity); a host
    /// without one supports connection strings only.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection is identity-based and no credential factory was
    /// given.</exception>
    public ServiceBusClient CreateClient(Func<string?, string?, TokenCredential>? createCredential = null)
    {
        if (ConnectionString is { } connectionString)
        {
            return new ServiceBusClient(connectionString);
        }

        return createCredential is null
            ? throw new InvalidOperationException($"This host supports only a {Name} connection string, not " +
                $"{Name}__fullyQualifiedNamespace with an identity.")
            : new ServiceBusClient(FullyQualifiedNamespace, createCredential(CredentialKind, ClientId));
    }
}
