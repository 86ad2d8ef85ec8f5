using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// An episode's commit as sent to storage: its <paramref name="Operations"/>, the task that completes with their new
/// ETags once <paramref name="Written"/>, the <paramref name="Outbox"/> row left to dispatch after it (none when the
/// messages go with the commit), and whether the message that woke the episode is <paramref name="Completed"/> with it.
/// </summary>
internal readonly record struct CommittingEpisode(
    IReadOnlyList<TableOperation> Operations,
    Task<IReadOnlyList<string?>> Written,
    TableEntity? Outbox,
    bool Completed);
