using Serverless.Storage.Tables;
using AzureTableEntity = Azure.Data.Tables.TableEntity;

namespace Serverless.Storage.Azure.Tables;

internal sealed partial class AzureTable
{
    /// <remarks>
    /// The service pages on its own terms (a page may end early, or carry a token with nothing after it), so this reads
    /// its pages until the scan has its page, and hands out the ports' key-based token instead.
    /// </remarks>
    public async Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var after = TableContinuation.Decode(query.ContinuationToken);
        var storedAfter = after is { } position
            ? (KeyEncoding.Encode(position.PartitionKey), KeyEncoding.Encode(position.RowKey))
            : default((string, string)?);
        var filter = ODataFilter.ForQuery(query, storedAfter);

        var scan = new TableScan(query);
        await CallAsync(async () =>
        {
            var pages = client.QueryAsync<AzureTableEntity>(
                filter,
                maxPerPage: Math.Min(1000, Math.Min(query.Top + 1, query.MaxScanned ?? int.MaxValue)),
                cancellationToken: cancellationToken)
                .AsPages();
            await foreach (var page in pages.ConfigureAwait(false))
            {
                if (!page.Values.All(azure => scan.Offer(EntityMapping.FromAzure(azure))))
                {
                    break;
                }
            }
        }).ConfigureAwait(false);

        return scan.ToPage();
    }
}
