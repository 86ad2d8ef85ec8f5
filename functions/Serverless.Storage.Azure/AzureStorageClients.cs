using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Serverless.Storage.Azure.Configuration;

namespace Serverless.Storage.Azure;

/// <summary>Builds the service clients an <see cref="AzureStorageProvider"/> works with, from a connection.</summary>
public static class AzureStorageClients
{
    /// <summary>
    /// Options for the queue service client: Base64 message bodies, as Azure Functions' queue trigger expects.
    /// </summary>
    public static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <summary>Options for the table service client.</summary>
    public static TableClientOptions TableOptions() => new();

    /// <summary>A table service client for <paramref name="connection"/>.</summary>
    public static TableServiceClient CreateTableClient(
        AzureStorageConnection connection,
        TableClientOptions options,
        TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ConnectionString is { } connectionString
            ? new TableServiceClient(connectionString, options)
            : new TableServiceClient(connection.TableServiceUri!, credential ?? connection.CreateCredential(), options);
    }

    /// <summary>
    /// A queue service client for <paramref name="connection"/>; <paramref name="options"/> should come from
    /// <see cref="QueueOptions"/>.
    /// </summary>
    public static QueueServiceClient CreateQueueClient(
        AzureStorageConnection connection,
        QueueClientOptions options,
        TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ConnectionString is { } connectionString
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(connection.QueueServiceUri!, credential ?? connection.CreateCredential(), options);
    }

    /// <summary>
    /// A blob service client for <paramref name="connection"/>; <see langword="null"/> for an identity-based
    /// connection that names no blob service (neither <c>__accountName</c> nor <c>__blobServiceUri</c>).
    /// </summary>
    public static BlobServiceClient? CreateBlobClient(
        AzureStorageConnection connection,
        TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.ConnectionString is { } connectionString)
        {
            return new BlobServiceClient(connectionString);
        }

        return connection.BlobServiceUri is { } uri
            ? new BlobServiceClient(uri, credential ?? connection.CreateCredential())
            : null;
    }
}
