using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// An outbox row whose one activity work item the process that committed it runs itself instead of sending it: the row
/// says until when (<see cref="UntilProperty"/>, renewed while the activity runs). Until then no episode sends the work
/// item; after, the sweep wakes the instance and its next episode sends it, as it sends any outbox a crash left behind.
/// </summary>
internal static class OutboxClaim
{
    public const string UntilProperty = "ClaimedUntil";

    /// <summary>The worker holding the claim, where the process runs under a worker lease.</summary>
    public const string ByProperty = "ClaimedBy";

    /// <summary>
    /// <paramref name="outbox"/> claimed until <paramref name="until"/> (by worker <paramref name="by"/>, if any), due
    /// for the sweep (which waits <paramref name="sweepGrace"/> past a row's due time) when the claim runs out.
    /// </summary>
    public static TableEntity Claimed(TableEntity outbox, DateTimeOffset until, TimeSpan sweepGrace, string? by)
    {
        var properties = new Dictionary<string, string>(outbox.Properties, StringComparer.Ordinal)
        {
            [UntilProperty] = Timestamps.Format(until),
            [InboxRow.ReadyAtProperty] = Timestamps.Format(until - sweepGrace),
        };
        if (by is not null)
        {
            properties[ByProperty] = by;
        }

        return outbox with { Properties = properties, ETag = null };
    }

    /// <summary>The claims of worker <paramref name="workerId"/>, a page at a time.</summary>
    public static TableQuery HeldBy(string workerId) =>
        new() { Filters = [new PropertyFilter(ByProperty, FilterOperator.Equal, workerId)], Top = 100 };

    /// <summary>Whether <paramref name="outbox"/> is claimed by a process and its claim has not run out.</summary>
    public static bool IsHeld(TableEntity outbox, DateTimeOffset now) =>
        outbox[UntilProperty] is { } until && Timestamps.Parse(until) > now;
}
