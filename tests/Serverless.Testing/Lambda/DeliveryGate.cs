namespace Serverless.Testing.Lambda;

/// <summary>
/// Lets a <see cref="SqsEventSourceMapping"/>'s pumps be paused: <see cref="PauseAsync"/> completes once every pump
/// still running waits at the gate, so no batch is in flight until <see cref="Resume"/>.
/// </summary>
internal sealed class DeliveryGate(int pumps)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _open = Completed();
    private TaskCompletionSource _allWaiting = Completed();
    private int _running = pumps;
    private int _waiting;

    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return !_open.Task.IsCompleted;
            }
        }
    }

    public Task PauseAsync()
    {
        lock (_lock)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                SignalIfAllWaiting();
            }

            return _allWaiting.Task;
        }
    }

    public void Resume()
    {
        lock (_lock)
        {
            _open.TrySetResult();
        }
    }

    /// <summary>Returns at once while open; while paused, counts the pump as waiting until resumed.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        Task open;
        lock (_lock)
        {
            if (_open.Task.IsCompleted)
            {
                return;
            }

            _waiting++;
            SignalIfAllWaiting();
            open = _open.Task;
        }

        try
        {
            await open.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                _waiting--;
            }
        }
    }

    /// <summary>A pump that stopped no longer holds a pause up.</summary>
    public void Leave()
    {
        lock (_lock)
        {
            _running--;
            SignalIfAllWaiting();
        }
    }

    private void SignalIfAllWaiting()
    {
        if (_waiting >= _running)
        {
            _allWaiting.TrySetResult();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var completed = new TaskCompletionSource();
        completed.SetResult();
        return completed;
    }
}
