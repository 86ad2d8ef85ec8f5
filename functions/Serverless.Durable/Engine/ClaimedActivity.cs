using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// An activity this process runs on a claim: its work item, and the claimed outbox row that holds it (with the row's
/// ETag once written), which the commit applying its outcome deletes.
/// </summary>
internal sealed class ClaimedActivity(ActivityWorkItem item, TableEntity row)
{
    private int _handedBack;

    public ActivityWorkItem Item { get; } = item;

    /// <summary>The claimed outbox row as last written (its claim renewed, its ETag the stored one).</summary>
    public TableEntity Row { get; set; } = row;

    /// <summary>The delete of the claimed row, for the commit that applies the activity's outcome.</summary>
    public TableOperation Delete => TableOperation.Delete(Row.PartitionKey, Row.RowKey);

    /// <summary>True the first time only: a claim goes back to the queue once, whoever sees the stop first.</summary>
    public bool TakeHandBack() => Interlocked.Exchange(ref _handedBack, 1) == 0;
}
