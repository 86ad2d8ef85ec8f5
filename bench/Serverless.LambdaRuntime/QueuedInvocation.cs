namespace Serverless.LambdaRuntime;

/// <summary>
/// One invocation from the moment it is queued until it ends. <see cref="HandedOut"/> changes only under the
/// emulator's lock.
/// </summary>
internal sealed class QueuedInvocation(string requestId, string eventJson, DateTimeOffset deadline, string traceId)
{
    private readonly TaskCompletionSource<LambdaInvocationResult> _result =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RequestId { get; } = requestId;

    public string EventJson { get; } = eventJson;

    public DateTimeOffset Deadline { get; } = deadline;

    public string TraceId { get; } = traceId;

    public bool HandedOut { get; set; }

    public Task<LambdaInvocationResult> Result => _result.Task;

    public void Complete(LambdaInvocationResult result) => _result.TrySetResult(result);

    public void Fail(Exception exception) => _result.TrySetException(exception);

    public void Cancel(CancellationToken cancellationToken) => _result.TrySetCanceled(cancellationToken);
}
