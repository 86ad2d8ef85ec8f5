using Serverless.Storage.Tables;

namespace Serverless.Orders.Ordering;

// Counts across the table, for the order metrics' gauge.
public sealed partial class OrderStore
{
    /// <summary>
    /// How many orders are in <paramref name="status"/>: one filtered query across the table, read to its end (a scan
    /// on Azure Tables and DynamoDB), for a gauge read now and then, never for a hot path.
    /// </summary>
    internal async Task<long> CountAsync(OrderStatus status, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        long count = 0;
        string? token = null;
        do
        {
            var page = await Table.QueryAsync(
                new TableQuery
                {
                    RowKey = OrderRow,
                    Filters = [new PropertyFilter("status", FilterOperator.Equal, status.ToString())],
                    Top = 1000,
                    ContinuationToken = token,
                },
                cancellationToken)
                .ConfigureAwait(false);
            count += page.Items.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);
        return count;
    }
}
