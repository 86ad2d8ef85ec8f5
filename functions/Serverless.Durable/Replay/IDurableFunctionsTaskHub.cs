using Serverless.Storage.Tables;

namespace Serverless.Durable.Replay;

/// <summary>
/// The rows of a Durable Functions task hub on Azure Storage (DurableTask.AzureStorage's <c>{hub}Instances</c> and
/// <c>{hub}History</c> tables) as a <see cref="ReplayCheck"/> reads them. Keys are as the tables store them (instance
/// ids escaped); property values are strings, timestamps in ISO 8601 round-trip form.
/// </summary>
public interface IDurableFunctionsTaskHub
{
    /// <summary>
    /// The instance rows whose <c>RuntimeStatus</c> is <c>Running</c> or <c>Suspended</c>, a page at a time.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<TableEntity>> ListInFlightAsync(CancellationToken cancellationToken);

    /// <summary>The instance row keyed <paramref name="partitionKey"/> now; <see langword="null"/> when gone.</summary>
    Task<TableEntity?> ReadInstanceAsync(string partitionKey, CancellationToken cancellationToken);

    /// <summary>
    /// The history rows of execution <paramref name="executionId"/> in row-key (sequence) order, without the sentinel
    /// row, each property kept in a large-message blob (<c>InputBlobName</c>, ...) read back into its property.
    /// </summary>
    Task<IReadOnlyList<TableEntity>> ReadHistoryAsync(
        string partitionKey,
        string executionId,
        CancellationToken cancellationToken);
}
