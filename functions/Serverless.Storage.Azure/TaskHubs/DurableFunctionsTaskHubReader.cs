using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using AzureTableEntity = Azure.Data.Tables.TableEntity;
using PortTableEntity = Serverless.Storage.Tables.TableEntity;

namespace Serverless.Storage.Azure.TaskHubs;

/// <summary>
/// Reads a Durable Functions task hub as DurableTask.AzureStorage lays it out: instance rows in <c>{hub}Instances</c>
/// (partition key the escaped instance id, row key empty), history rows in <c>{hub}History</c> (one per event, row key
/// the sequence number, plus a <c>sentinel</c> row), and each property too large for a table in the blob container
/// <c>{hub}-largemessages</c>, gzipped, named by the row's <c>{Property}BlobName</c>. It only reads; a hub that does
/// not exist reads as one without instances.
/// </summary>
public sealed class DurableFunctionsTaskHubReader
{
    private const int PageSize = 1000;
    private const string BlobNameSuffix = "BlobName";
    private readonly TableClient _instances;
    private readonly TableClient _history;
    private readonly BlobContainerClient? _largeMessages;

    /// <summary>
    /// Reads task hub <paramref name="taskHub"/>; without <paramref name="blobs"/>, large messages fail.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DynamicDependency(
        System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicParameterlessConstructor,
        typeof(AzureTableEntity))]
    public DurableFunctionsTaskHubReader(TableServiceClient tables, BlobServiceClient? blobs, string taskHub)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHub);
        TaskHub = taskHub;
        _instances = tables.GetTableClient(taskHub + "Instances");
        _history = tables.GetTableClient(taskHub + "History");
        _largeMessages = blobs?.GetBlobContainerClient(taskHub.ToLowerInvariant() + "-largemessages");
    }

    /// <summary>The task hub's name.</summary>
    public string TaskHub { get; }

    /// <summary>
    /// The instance rows whose <c>RuntimeStatus</c> is <c>Running</c> or <c>Suspended</c>, a page at a time.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<PortTableEntity>> ListInFlightAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = _instances.QueryAsync<AzureTableEntity>(
            "RowKey eq '' and (RuntimeStatus eq 'Running' or RuntimeStatus eq 'Suspended')",
            PageSize,
            cancellationToken: cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        await using var _ = pages.ConfigureAwait(false);
        while (await NextAsync(pages).ConfigureAwait(false))
        {
            yield return pages.Current.Values.Select(ToPort).ToList();
        }
    }

    /// <summary>The instance row keyed <paramref name="partitionKey"/>, or <see langword="null"/>.</summary>
    public async Task<PortTableEntity?> ReadInstanceAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var response = await Call(() => _instances.GetEntityIfExistsAsync<AzureTableEntity>(
            partitionKey,
            string.Empty,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response is { HasValue: true } ? ToPort(response.Value!) : null;
    }

    /// <summary>
    /// The history rows of execution <paramref name="executionId"/> in sequence order, without the sentinel row, each
    /// property kept in a large-message blob read back into its property.
    /// </summary>
    public async Task<IReadOnlyList<PortTableEntity>> ReadHistoryAsync(
        string partitionKey,
        string executionId,
        CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and ExecutionId eq {executionId} and RowKey ne {"sentinel"}");
        var rows = new List<PortTableEntity>();
        await Call(async () =>
        {
            var query = _history.QueryAsync<AzureTableEntity>(filter, cancellationToken: cancellationToken);
            await foreach (var row in query.ConfigureAwait(false))
            {
                rows.Add(await InlineLargeMessagesAsync(row, cancellationToken).ConfigureAwait(false));
            }

            return rows;
        }).ConfigureAwait(false);
        return rows;
    }

    private async Task<PortTableEntity> InlineLargeMessagesAsync(AzureTableEntity row, CancellationToken cancellation)
    {
        foreach (var name in row.Keys.Where(k => k.EndsWith(BlobNameSuffix, StringComparison.Ordinal)).ToList())
        {
            if (row[name] is not string blobName || blobName.Length == 0)
            {
                continue;
            }

            if (_largeMessages is null)
            {
                throw new StorageException(
                    $"History row ({row.PartitionKey}, {row.RowKey}) keeps {name[..^BlobNameSuffix.Length]} in blob " +
                        $"'{blobName}', and the connection names no blob service (set its __blobServiceUri).");
            }

            row[name[..^BlobNameSuffix.Length]] = await DownloadAsync(blobName, cancellation).ConfigureAwait(false);
            row.Remove(name);
        }

        return ToPort(row);
    }

    private async Task<string> DownloadAsync(string blobName, CancellationToken cancellation)
    {
        try
        {
            var content = await _largeMessages!.GetBlobClient(blobName).DownloadContentAsync(cancellation)
                .ConfigureAwait(false);
            await using var gzip = new GZipStream(content.Value.Content.ToStream(), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellation).ConfigureAwait(false);
        }
        catch (RequestFailedException exception)
        {
            // Not a missing row: a history that names a blob it cannot find cannot be replayed.
            throw new StorageException($"Reading large message '{blobName}' failed: {exception.Message}", exception);
        }
    }

    private static PortTableEntity ToPort(AzureTableEntity row)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in row)
        {
            if (value is null || name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }

            properties[name] = value switch
            {
                string text => text,
                DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
                DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
            };
        }

        return new PortTableEntity(row.PartitionKey, row.RowKey)
        {
            Properties = properties,
            ETag = row.ETag.ToString(),
            Timestamp = row.Timestamp ?? default,
        };
    }

    // A table that does not exist yet (no deploy has run the hub) holds no instances.
    private static async ValueTask<bool> NextAsync(IAsyncEnumerator<Page<AzureTableEntity>> pages)
    {
        try
        {
            return await pages.MoveNextAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
        catch (RequestFailedException exception)
        {
            throw new StorageException($"Reading task hub table failed: {exception.Message}", exception);
        }
    }

    private static async Task<T?> Call<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException exception)
        {
            throw new StorageException($"Reading the task hub failed: {exception.Message}", exception);
        }
    }
}
