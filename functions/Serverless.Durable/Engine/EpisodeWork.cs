using System.Diagnostics.CodeAnalysis;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// What an episode decides over: the <paramref name="Ready"/> messages it may apply now, in order, among the
/// <paramref name="Pending"/> ones of the current execution; and the <paramref name="Stale"/> rows it deletes in the
/// room its commit leaves (an idle episode deletes them on their own).
/// </summary>
internal readonly record struct EpisodeWork(List<InboxRow>? Ready, List<InboxRow>? Pending, List<TableOperation> Stale)
{
    /// <summary>Whether there is nothing to decide (yet).</summary>
    [MemberNotNullWhen(false, nameof(Ready), nameof(Pending))]
    public bool IsIdle => Ready is null;

    public static EpisodeWork Idle(List<TableOperation> cleanup) => new(null, null, cleanup);
}
