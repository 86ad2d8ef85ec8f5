namespace Serverless.Storage.Tables;

/// <summary>
/// Collects one page of a <see cref="TableQuery"/> from rows a backend reads in key order: it asks for rows until it
/// holds one match more than <see cref="TableQuery.Top"/> (which only signals that more exist) or has read
/// <see cref="TableQuery.MaxScanned"/> rows, so a page fills however sparse the matches are.
/// </summary>
public sealed class TableScan(TableQuery query)
{
    private readonly List<TableEntity> _matches = [];
    private TableEntity? _lastRead;
    private int _read;

    private bool IsFull => _matches.Count > query.Top;

    private bool IsOverBound => query.MaxScanned is { } bound && _read >= bound;

    /// <summary>
    /// Takes the next row in key order and returns whether to read on. A row without the query's keys is passed over
    /// without counting as read.
    /// </summary>
    public bool Offer(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!query.HasKeys(entity))
        {
            return true;
        }

        _read++;
        _lastRead = entity;
        if (query.Matches(entity))
        {
            _matches.Add(entity);
        }

        return !IsFull && !IsOverBound;
    }

    /// <summary>
    /// The page: up to <see cref="TableQuery.Top"/> matches, with a token after the last one returned when more
    /// exist, or after the last row read when the scan bound ended the page first.
    /// </summary>
    public TablePage ToPage()
    {
        if (IsFull)
        {
            return TableContinuation.ToPage(_matches, query.Top);
        }

        return IsOverBound && _lastRead is { } last
            ? new TablePage(_matches, TableContinuation.Encode(last))
            : new TablePage(_matches, null);
    }
}
