using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// An episode's commit as written: its <paramref name="Operations"/> with their new <paramref name="ETags"/>, the
/// <paramref name="Outbox"/> row left to dispatch (none when the messages went with the commit), and whether the
/// message that woke the episode was <paramref name="Completed"/> with it.
/// </summary>
internal readonly record struct CommittedEpisode(
    IReadOnlyList<TableOperation> Operations, IReadOnlyList<string?> ETags, TableEntity? Outbox, bool Completed);
