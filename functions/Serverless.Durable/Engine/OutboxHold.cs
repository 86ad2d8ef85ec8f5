using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// An outbox row that the process which committed it keeps rather than dispatching and deleting it at once: a claim
/// (<see cref="OutboxClaim"/>), or an outbox it dispatches and leaves for the execution's next commit to delete. The
/// sweep leaves such a row alone until its hold runs out; the row names the worker holding it, so that whoever finds
/// that worker dead dispatches it at once (<see cref="OutboxDispatcher.DispatchHeldByAsync"/>), for the worker may
/// have died between the commit and the dispatch.
/// </summary>
internal static class OutboxHold
{
    /// <summary>The worker holding the row.</summary>
    public const string ByProperty = "HeldBy";

    /// <summary>
    /// How long the sweep leaves an outbox held for the next commit alone: past the visibility timeout of the work item
    /// it sent, whose outcome's commit deletes it.
    /// </summary>
    public static readonly TimeSpan NextCommitGrace = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <paramref name="outbox"/> held by worker <paramref name="by"/> (if the process runs as one), due for the sweep
    /// from <paramref name="readyAt"/> on, with the <paramref name="extra"/> properties.
    /// </summary>
    public static TableEntity Held(
        TableEntity outbox, DateTimeOffset readyAt, string? by, params (string Name, string Value)[] extra)
    {
        var properties = new Dictionary<string, string>(outbox.Properties, StringComparer.Ordinal)
        {
            [InboxRow.ReadyAtProperty] = Timestamps.Format(readyAt),
        };
        if (by is not null)
        {
            properties[ByProperty] = by;
        }

        foreach (var (name, value) in extra)
        {
            properties[name] = value;
        }

        return outbox with { Properties = properties, ETag = null };
    }

    /// <summary>The rows worker <paramref name="workerId"/> holds, a page at a time.</summary>
    public static TableQuery HeldBy(string workerId) =>
        new() { Filters = [new PropertyFilter(ByProperty, FilterOperator.Equal, workerId)], Top = 100 };
}
