using System.Collections.Concurrent;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Durable.Client;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;
using CoreHistoryEvent = DurableTask.Core.History.HistoryEvent;

namespace Serverless.Conformance.Tests.Runtimes;

/// <summary>
/// Storage that keeps every history row the engine commits, so an instance's history can be read over all of its
/// generations: the engine itself keeps only the current one (a continue-as-new drops the rest), as Durable Functions'
/// client shows only the current one too. The events go through the engine's own mapping to the Framework's types.
/// </summary>
internal sealed class HistoryRecordingStorage(IStorageProvider inner) : IStorageProvider, IInstanceHistorySource
{
    private readonly ConcurrentDictionary<string, List<StoredHistoryEvent>> _histories = new(StringComparer.Ordinal);

    public ITable GetTable(string name) => new RecordingTable(inner.GetTable(name), this);

    public IQueue GetQueue(string name) => inner.GetQueue(name);

    public Task<InstanceHistory> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        List<StoredHistoryEvent> recorded;
        lock (_histories)
        {
            recorded = [.. _histories.GetValueOrDefault(instanceId) ?? []];
        }

        var instance = new InstanceRow(instanceId, string.Empty, string.Empty, StoredStatus.Running);
        List<CoreHistoryEvent> events = [.. recorded.Select(e => HistoryEventMapper.ToCore(e, instance))];
        var completed = events.OfType<DurableTask.Core.History.ExecutionCompletedEvent>().LastOrDefault();
        return Task.FromResult(new InstanceHistory(
            [.. HistoryScheduledWork.From(events)],
            FailureOutcome.From(completed?.FailureDetails),
            HistoryScheduledWork.StartVersion(events)));
    }

    private void Record(IReadOnlyList<TableOperation> committed)
    {
        foreach (var operation in committed.Where(o => o.Kind == TableOperationKind.Insert
            && o.Entity.RowKey.StartsWith(
            RowKeys.HistoryPrefix,
            StringComparison.Ordinal)))
        {
            var events = HistoryRows.Events(operation.Entity);
            lock (_histories)
            {
                _histories.GetOrAdd(operation.Entity.PartitionKey, _ => []).AddRange(events);
            }
        }
    }

    private sealed class RecordingTable(ITable inner, HistoryRecordingStorage recorder) : ITable
    {
        public string Name => inner.Name;

        public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
            inner.CreateIfNotExistsAsync(cancellationToken);

        public Task<TableEntity?> GetAsync(
            string partitionKey,
            string rowKey,
            CancellationToken cancellationToken = default) =>
            inner.GetAsync(partitionKey, rowKey, cancellationToken);

        public Task<IReadOnlyList<TableEntity>> QueryPartitionAsync(
            string partitionKey,
            string? rowKeyPrefix = null,
            CancellationToken cancellationToken = default) =>
            inner.QueryPartitionAsync(partitionKey, rowKeyPrefix, cancellationToken);

        public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(query, cancellationToken);

        public async Task<IReadOnlyList<string?>> ExecuteBatchAsync(
            IReadOnlyList<TableOperation> operations,
            CancellationToken cancellationToken = default)
        {
            // Recorded only once committed, and before the caller goes on: a client that sees the end finds its
            // history.
            var etags = await inner.ExecuteBatchAsync(operations, cancellationToken);
            recorder.Record(operations);
            return etags;
        }
    }
}
