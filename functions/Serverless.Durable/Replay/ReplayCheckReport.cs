namespace Serverless.Durable.Replay;

/// <summary>What a <see cref="ReplayCheck"/> found.</summary>
/// <param name="Checked">In-flight instances replayed (those with a history).</param>
/// <param name="Divergences">The instances this build would fail, in the order found.</param>
/// <param name="Elapsed">How long the check took.</param>
public sealed record ReplayCheckReport(int Checked, IReadOnlyList<ReplayDivergence> Divergences, TimeSpan Elapsed)
{
    /// <summary>Whether every in-flight instance replays.</summary>
    public bool Passed => Divergences.Count == 0;
}
