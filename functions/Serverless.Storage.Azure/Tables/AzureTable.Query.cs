using Serverless.Storage.Tables;
using AzureTableEntity = Azure.Data.Tables.TableEntity;
using PortTableEntity = Serverless.Storage.Tables.TableEntity;

namespace Serverless.Storage.Azure.Tables;

internal sealed partial class AzureTable
{
    /// <remarks>
    /// The service pages on its own terms (a page may end early, or carry a token with nothing after it), so this reads
    /// its pages until it holds one more match than asked for, and hands out the ports' key-based token instead.
    /// </remarks>
    public async Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Top, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Top, 1000, nameof(query));
        var after = TableContinuation.Decode(query.ContinuationToken);
        var storedAfter = after is { } position
            ? (KeyEncoding.Encode(position.PartitionKey), KeyEncoding.Encode(position.RowKey))
            : default((string, string)?);
        var filter = ODataFilter.ForQuery(query, storedAfter);

        var matches = new List<PortTableEntity>();
        await CallAsync(async () =>
        {
            var pages = client.QueryAsync<AzureTableEntity>(
                filter,
                maxPerPage: Math.Min(1000, query.Top + 1),
                cancellationToken: cancellationToken)
                .AsPages();
            await foreach (var page in pages.ConfigureAwait(false))
            {
                foreach (var azure in page.Values)
                {
                    var entity = EntityMapping.FromAzure(azure);
                    if ((query.RowKey is null || entity.RowKey == query.RowKey)
                        && query.Filters.All(f => f.Matches(entity)))
                    {
                        matches.Add(entity);
                    }
                }

                if (matches.Count > query.Top)
                {
                    break;
                }
            }
        }).ConfigureAwait(false);

        return TableContinuation.ToPage(matches, query.Top);
    }
}
