using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// The executions of recently run instances, least recently used out first, at most <c>capacity</c>; each one pushed
/// out goes to <c>evicted</c>. An episode takes its instance's entry out (so two episodes never share an executor) and
/// puts one back only after its commit.
/// </summary>
internal sealed class ExecutionCache(int capacity, Action<CachedExecution>? evicted = null)
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

        List<CachedExecution>? pushedOut = null;
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
                (pushedOut ??= []).Add(oldest.Value.Execution);
            }
        }

        pushedOut?.ForEach(e => evicted?.Invoke(e));
    }

    /// <summary>Lets go of an execution taken out and not to be put back, as if pushed out.</summary>
    public void Drop(CachedExecution execution) => evicted?.Invoke(execution);

    /// <summary>Whether <see cref="Keep"/> will keep the execution of <paramref name="plan"/> once committed.</summary>
    public bool WillKeep(EpisodePlan plan) =>
        IsEnabled && plan.Executor is not null && plan.Commit.Decision.NextExecution is null &&
        plan.Commit.Decision.Status is StoredStatus.Running or StoredStatus.Suspended;

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
    /// <paramref name="etags"/>), for the next episode to continue, with the delete of the commit's outbox row when
    /// that is left to the next commit (<paramref name="pendingDelete"/>).
    /// </summary>
    public void Keep(
        string instanceId,
        EpisodePlan plan,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<string?> etags,
        TableOperation? pendingDelete = null)
    {
        if (!WillKeep(plan))
        {
            return;
        }

        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i].Entity.RowKey == RowKeys.Instance && etags[i] is { } etag)
            {
                plan.Executor!.MarkCommitted();
                plan.Past.AddRange(plan.Commit.Decision.Appended);
                var instance = operations[i].Entity with { ETag = etag };
                Put(instanceId, new CachedExecution(instance, plan.Past, plan.Executor, pendingDelete));
                return;
            }
        }
    }
}
