using Serverless.Durable.Replay;
using Serverless.Storage.Azure;
using Serverless.Storage.Azure.Configuration;
using Serverless.Storage.Azure.TaskHubs;
using Serverless.Storage.Tables;

namespace Serverless.Host.Deploy;

/// <summary>The replay check's view of a Durable Functions task hub, read from Azure Storage.</summary>
internal sealed class AzureDurableFunctionsTaskHub(DurableFunctionsTaskHubReader reader) : IDurableFunctionsTaskHub
{
    /// <summary>Task hub <paramref name="taskHub"/> of the storage account of <paramref name="connection"/>.</summary>
    public static AzureDurableFunctionsTaskHub Open(AzureStorageConnection connection, string taskHub)
    {
        var credential = connection.ConnectionString is null ? connection.CreateCredential() : null;
        return new AzureDurableFunctionsTaskHub(new DurableFunctionsTaskHubReader(
            AzureStorageClients.CreateTableClient(connection, AzureStorageClients.TableOptions(), credential),
            AzureStorageClients.CreateBlobClient(connection, credential),
            taskHub));
    }

    public IAsyncEnumerable<IReadOnlyList<TableEntity>> ListInFlightAsync(CancellationToken cancellationToken) =>
        reader.ListInFlightAsync(cancellationToken);

    public Task<TableEntity?> ReadInstanceAsync(string partitionKey, CancellationToken cancellationToken) =>
        reader.ReadInstanceAsync(partitionKey, cancellationToken);

    public Task<IReadOnlyList<TableEntity>> ReadHistoryAsync(
        string partitionKey,
        string executionId,
        CancellationToken cancellationToken) =>
        reader.ReadHistoryAsync(partitionKey, executionId, cancellationToken);
}
