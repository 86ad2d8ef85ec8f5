using System.Globalization;

namespace Serverless.LambdaRuntime;

/// <summary>The invocations' side: queued, handed out, answered, timed out or failed, each exactly once.</summary>
public sealed partial class LambdaRuntimeEmulator
{
    private const string TimedOutErrorType = "Sandbox.Timedout";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, QueuedInvocation> _live = new(StringComparer.Ordinal);
    private readonly List<LambdaInitError> _initErrors = [];
    private int _handedOut;
    private int _answered;

    /// <summary>How many invocations pollers have received.</summary>
    public int InvocationsHandedOut
    {
        get
        {
            lock (_gate)
            {
                return _handedOut;
            }
        }
    }

    /// <summary>How many invocations the runtime answered (a response or an error it posted).</summary>
    public int InvocationsAnswered
    {
        get
        {
            lock (_gate)
            {
                return _answered;
            }
        }
    }

    /// <summary>The errors runtimes posted to <c>/runtime/init/error</c>, in order.</summary>
    public IReadOnlyList<LambdaInitError> InitErrors
    {
        get
        {
            lock (_gate)
            {
                return [.. _initErrors];
            }
        }
    }

    /// <summary>Completes with the first error a runtime posts to <c>/runtime/init/error</c>.</summary>
    public Task<LambdaInitError> FirstInitError => _firstInitError.Task;

    /// <summary>
    /// Queues one invocation of <paramref name="eventJson"/>, due <paramref name="timeout"/> from now, and completes
    /// when the runtime posts its response or error; past the deadline it completes as an error of type
    /// <c>Sandbox.Timedout</c>, as Lambda reports a timeout. Cancelling abandons it: it is not handed out afterwards,
    /// and an answer to it is refused.
    /// </summary>
    public async Task<LambdaInvocationResult> InvokeAsync(
        string eventJson,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var now = _time.GetUtcNow();
        var invocation = new QueuedInvocation(
            Guid.NewGuid().ToString(),
            eventJson,
            now + timeout,
            RuntimeApiDocuments.NewTraceId(now));
        lock (_gate)
        {
            _live.Add(invocation.RequestId, invocation);
        }

        _queue.Writer.TryWrite(invocation);
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var onDeadline = deadline.Token.Register(() => TimeOut(invocation, timeout));
        using var onCancel = cancellationToken.Register(() => Abandon(invocation, cancellationToken));
        return await invocation.Result.ConfigureAwait(false);
    }

    /// <summary>
    /// Ends every invocation handed out but not answered as an error of <paramref name="errorType"/> (e.g.
    /// <c>Runtime.ExitError</c> once a test has killed the runtime); invocations still queued stay queued.
    /// </summary>
    /// <returns>How many invocations it ended.</returns>
    public int FailOutstanding(string errorType)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        var outstanding = TakeAll(invocation => invocation.HandedOut);
        foreach (var invocation in outstanding)
        {
            var message = $"RequestId: {invocation.RequestId} Error: the runtime exited without answering";
            invocation.Complete(new LambdaInvocationResult(
                invocation.RequestId,
                IsError: true,
                RuntimeApiDocuments.Error(message, errorType),
                errorType));
        }

        return outstanding.Count;
    }

    private bool TryHandOut(QueuedInvocation invocation)
    {
        lock (_gate)
        {
            if (!_live.ContainsKey(invocation.RequestId))
            {
                return false;
            }

            invocation.HandedOut = true;
            _handedOut++;
            return true;
        }
    }

    private bool TryAnswer(string requestId, bool isError, string body, string? errorType)
    {
        QueuedInvocation? invocation;
        lock (_gate)
        {
            if (!_live.TryGetValue(requestId, out invocation) || !invocation.HandedOut)
            {
                return false;
            }

            _live.Remove(requestId);
            _answered++;
        }

        invocation.Complete(new LambdaInvocationResult(requestId, isError, body, errorType));
        return true;
    }

    private void TimeOut(QueuedInvocation invocation, TimeSpan timeout)
    {
        if (TryRemove(invocation))
        {
            var seconds = timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
            var message = $"RequestId: {invocation.RequestId} Error: Task timed out after {seconds} seconds";
            invocation.Complete(new LambdaInvocationResult(
                invocation.RequestId,
                IsError: true,
                RuntimeApiDocuments.Error(message, TimedOutErrorType),
                TimedOutErrorType));
        }
    }

    private void Abandon(QueuedInvocation invocation, CancellationToken cancellationToken)
    {
        if (TryRemove(invocation))
        {
            invocation.Cancel(cancellationToken);
        }
    }

    private void RecordInitError(LambdaInitError error)
    {
        lock (_gate)
        {
            _initErrors.Add(error);
        }

        _firstInitError.TrySetResult(error);
    }

    private bool TryRemove(QueuedInvocation invocation)
    {
        lock (_gate)
        {
            return _live.Remove(invocation.RequestId);
        }
    }

    private List<QueuedInvocation> TakeAll(Func<QueuedInvocation, bool> which)
    {
        lock (_gate)
        {
            var taken = _live.Values.Where(which).ToList();
            foreach (var invocation in taken)
            {
                _live.Remove(invocation.RequestId);
            }

            return taken;
        }
    }
}
