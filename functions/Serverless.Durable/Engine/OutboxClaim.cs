using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// An outbox row whose one activity work item the process that committed it runs itself instead of sending it: the row
/// says until when (<see cref="UntilProperty"/>, renewed while the activity runs). Until then no episode sends the work
/// item; after, the sweep sends it, as it sends any outbox a crash left behind.
/// </summary>
internal static class OutboxClaim
{
    public const string UntilProperty = "ClaimedUntil";

    /// <summary>
    /// <paramref name="outbox"/> claimed until <paramref name="until"/> (held by worker <paramref name="by"/>, if any),
    /// due for the sweep (which waits <paramref name="sweepGrace"/> past a row's due time) when the claim runs out.
    /// </summary>
    public static TableEntity Claimed(TableEntity outbox, DateTimeOffset until, TimeSpan sweepGrace, string? by) =>
        OutboxHold.Held(outbox, until - sweepGrace, by, (UntilProperty, Timestamps.Format(until)));

    /// <summary>Whether <paramref name="outbox"/> is claimed by a process and its claim has not run out.</summary>
    public static bool IsHeld(TableEntity outbox, DateTimeOffset now) =>
        outbox[UntilProperty] is { } until && Timestamps.Parse(until) > now;
}
