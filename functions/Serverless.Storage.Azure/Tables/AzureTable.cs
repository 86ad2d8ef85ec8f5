using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Data.Tables;
using Serverless.Storage.Tables;
using AzureTableEntity = Azure.Data.Tables.TableEntity;
using PortTableEntity = Serverless.Storage.Tables.TableEntity;

namespace Serverless.Storage.Azure.Tables;

/// <summary>One table of the ports on one Azure table (whose name may carry the provider's prefix).</summary>
/// <remarks>
/// Reads go through the SDK's <c>Activator.CreateInstance&lt;TableEntity&gt;()</c>; the dependency below keeps that
/// constructor in a trimmed (Native AOT) build, where nothing else references it.
/// </remarks>
[method: DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(AzureTableEntity))]
internal sealed partial class AzureTable(string name, TableClient client) : ITable
{
    private Task? _created;

    public string Name { get; } = name;

    public async ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var created = _created ??= CreateAsync();
        try
        {
            await created.ConfigureAwait(false);
        }
        catch
        {
            // A failed attempt (network, throttling) is retried by the next call rather than remembered.
            _ = Interlocked.CompareExchange(ref _created, null, created);
            throw;
        }
    }

    public async Task<PortTableEntity?> GetAsync(
        string partitionKey,
        string rowKey,
        CancellationToken cancellationToken = default)
    {
        var response = await Call(() => client.GetEntityIfExistsAsync<AzureTableEntity>(
            EntityMapping.EncodeKey(partitionKey, "partition key"),
            EntityMapping.EncodeKey(rowKey, "row key"),
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.HasValue ? EntityMapping.FromAzure(response.Value!) : null;
    }

    public async Task<IReadOnlyList<PortTableEntity>> QueryPartitionAsync(
        string partitionKey,
        string? rowKeyPrefix = null,
        CancellationToken cancellationToken = default)
    {
        var filter = ODataFilter.PartitionWithPrefix(
            EntityMapping.EncodeKey(partitionKey, "partition key"),
            rowKeyPrefix is null ? null : KeyEncoding.Encode(rowKeyPrefix));
        var rows = new List<PortTableEntity>();
        await CallAsync(async () =>
        {
            await foreach (var azure in client.QueryAsync<AzureTableEntity>(
                filter,
                maxPerPage: 1000,
                cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var entity = EntityMapping.FromAzure(azure);
                if (rowKeyPrefix is null || entity.RowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal))
                {
                    rows.Add(entity);
                }
            }
        }).ConfigureAwait(false);

        // The ports promise ordinal row-key order; escaped keys may sort differently on the service.
        rows.Sort(static (x, y) => string.CompareOrdinal(x.RowKey, y.RowKey));
        return rows;
    }

    // Not CreateIfNotExists: that one serializes its request body by reflection, which Native AOT cannot do.
    private async Task CreateAsync()
    {
        try
        {
            await client.CreateAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // TableAlreadyExists (or TableBeingDeleted, which the next call reports): nothing to do.
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Table(e);
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Table(e);
        }
    }

    private static async Task CallAsync(Func<Task> request)
    {
        try
        {
            await request().ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Table(e);
        }
    }
}
