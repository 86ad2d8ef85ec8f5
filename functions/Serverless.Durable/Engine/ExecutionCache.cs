using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// The executions of recently run instances, least recently used out first, at most <c>capacity</c>. An episode takes
/// its instance's entry out (so two episodes never share an executor) and puts one back only after its commit.
/// </summary>
internal sealed class ExecutionCache(int capacity)
{
    private readonly Dictionary<string,
    LinkedListNode<(string InstanceId, CachedExecution Execution)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string InstanceId, CachedExecution Execution)> _recency = new();
    private readonly Lock _gate = new();

    public bool IsEnabled => capacity > 0;

    public CachedExecution? Take(string instanceId)
    {
        lock (_gate)
        {
            if (!_entries.Remove(instanceId, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            return node.Value.Execution;
        }
    }

    public void Put(string instanceId, CachedExecution execution)
    {
        if (!IsEnabled)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.Remove(instanceId, out var existing))
            {
                _recency.Remove(existing);
            }

            _entries[instanceId] = _recency.AddFirst((instanceId, execution));
            while (_entries.Count > capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.InstanceId);
            }
        }
    }

    /// <summary>Puts back the execution an episode took, if any, when the episode committed nothing.</summary>
    public void Return(string instanceId, CachedExecution? execution)
    {
        if (execution is not null)
        {
            Put(instanceId, execution);
        }
    }

    /// <summary>
    /// Keeps the execution of a running instance after its episode committed <paramref name="operations"/> (their new
    /// <paramref name="etags"/>), for the next episode to continue.
    /// </summary>
    public void Keep(
        string instanceId, EpisodePlan plan, IReadOnlyList<TableOperation> operations, IReadOnlyList<string?> etags)
    {
        var decision = plan.Commit.Decision;
        if (!IsEnabled || plan.Executor is not { } executor || decision.NextExecution is not null ||
            decision.Status is not (StoredStatus.Running or StoredStatus.Suspended))
        {
            return;
        }

        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i].Entity.RowKey == RowKeys.Instance && etags[i] is { } etag)
            {
                executor.MarkCommitted();
                plan.Past.AddRange(decision.Appended);
                Put(instanceId, new CachedExecution(etag, plan.Past, executor));
                return;
            }
        }
    }
}
