using Serverless.Storage.Tables;

namespace Serverless.Orders.Ordering;

public sealed partial class OrderStore
{
    /// <summary>The most orders one page of <see cref="ListAsync(OrderListFilter, int, string?, CancellationToken)"/>
    /// reads (see its remarks).</summary>
    public const int MaxScannedPerPage = 10_000;

    /// <summary>One page of orders in order-id order, optionally only those in <paramref name="status"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> is malformed.</exception>
    public Task<OrderPage> ListAsync(
        OrderStatus? status,
        int top,
        string? continuationToken,
        CancellationToken cancellationToken = default) =>
        ListAsync(new OrderListFilter(status), top, continuationToken, cancellationToken);

    /// <summary>One page of the orders <paramref name="filter"/> keeps, in order-id order.</summary>
    /// <remarks>
    /// The page holds <paramref name="top"/> orders whenever that many match further on, however sparse: the store
    /// reads on for them, up to <see cref="MaxScannedPerPage"/> orders; a page that reaches the bound first holds fewer
    /// (maybe none), and its token resumes after the last order read. The filters are the table port's property
    /// comparisons, so every backend applies them as it reads (creation times are stored in a sortable UTC form).
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> is malformed.</exception>
    public async Task<OrderPage> ListAsync(
        OrderListFilter filter,
        int top,
        string? continuationToken,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, 1000);
        await _created.Value.ConfigureAwait(false);
        var filters = new List<PropertyFilter>();
        if (filter.Status is { } status)
        {
            filters.Add(new PropertyFilter("status", FilterOperator.Equal, status.ToString()));
        }

        if (filter.CustomerId is { } customer)
        {
            filters.Add(new PropertyFilter("customerId", FilterOperator.Equal, customer));
        }

        if (filter.CreatedFrom is { } from)
        {
            filters.Add(new PropertyFilter(
                "createdAt",
                FilterOperator.GreaterThanOrEqual,
                EntityValues.Format(from)));
        }

        var query = new TableQuery
        {
            RowKey = OrderRow,
            Filters = filters,
            Top = top,
            MaxScanned = MaxScannedPerPage,
            ContinuationToken = continuationToken,
        };
        var page = await Table.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return new OrderPage(page.Items.Select(ToOrder).ToList(), page.ContinuationToken);
    }
}
