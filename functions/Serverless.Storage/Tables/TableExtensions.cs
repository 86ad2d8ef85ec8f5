using System.Runtime.CompilerServices;

namespace Serverless.Storage.Tables;

/// <summary>
/// Single-operation conveniences over <see cref="ITable.ExecuteBatchAsync"/>, and every match of a query over
/// <see cref="ITable.QueryAsync"/>.
/// </summary>
public static class TableExtensions
{
    /// <summary>
    /// Every row <paramref name="query"/> matches, one request per page of <see cref="TableQuery.Top"/>; the next page
    /// is asked for once the caller has taken the rows of the one before.
    /// </summary>
    public static async IAsyncEnumerable<TableEntity> QueryAllAsync(
        this ITable table,
        TableQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(query);
        var continuation = query.ContinuationToken;
        do
        {
            var page = await table.QueryAsync(query with { ContinuationToken = continuation }, cancellationToken)
                .ConfigureAwait(false);
            foreach (var row in page.Items)
            {
                yield return row;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    /// <summary>Inserts one entity and returns its ETag.</summary>
    public static async Task<string> InsertAsync(
        this ITable table,
        TableEntity entity,
        CancellationToken cancellationToken = default) =>
        (await table.ExecuteBatchAsync([TableOperation.Insert(entity)], cancellationToken).ConfigureAwait(false))[0]!;

    /// <summary>Inserts or replaces one entity and returns its ETag.</summary>
    public static async Task<string> UpsertAsync(
        this ITable table,
        TableEntity entity,
        CancellationToken cancellationToken = default) =>
        (await table.ExecuteBatchAsync([TableOperation.Upsert(entity)], cancellationToken).ConfigureAwait(false))[0]!;

    /// <summary>Replaces one entity if its ETag is <paramref name="ifMatch"/> and returns the new ETag.</summary>
    public static async Task<string> ReplaceAsync(
        this ITable table,
        TableEntity entity,
        string ifMatch,
        CancellationToken cancellationToken = default) =>
        (await table.ExecuteBatchAsync(
            [TableOperation.Replace(entity, ifMatch)],
            cancellationToken).ConfigureAwait(false))[0]!;

    /// <summary>Deletes one entity if its ETag is <paramref name="ifMatch"/>.</summary>
    public static Task DeleteAsync(
        this ITable table,
        string partitionKey,
        string rowKey,
        string ifMatch = TableOperation.AnyETag,
        CancellationToken cancellationToken = default) =>
        table.ExecuteBatchAsync([TableOperation.Delete(partitionKey, rowKey, ifMatch)], cancellationToken);
}
