using System.Runtime.ExceptionServices;
using Microsoft.DurableTask;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreTaskFailedException = DurableTask.Core.Exceptions.TaskFailedException;

namespace Serverless.Durable.Engine;

internal sealed partial class OrchestrationExecutor
{
    /// <summary>
    /// Calls <paramref name="attempt"/> under the SDK's retry options, waiting between attempts on durable timers. A
    /// <see cref="RetryPolicy"/> is applied exactly as the Durable Task Framework applies it (Durable Functions' replay
    /// and ours then record the same timers); an <see cref="AsyncRetryHandler"/> decides, and waits, itself.
    /// <paramref name="attempt"/> is given the attempt's number, from 1.
    /// </summary>
    private async Task<string?> WithRetriesAsync(
        string name,
        Func<int, Task<string?>> attempt,
        TaskRetryOptions? retry,
        bool activity = false)
    {
        if (retry is null)
        {
            return await attempt(1);
        }

        var firstAttempt = _currentUtcDateTime;
        if (retry.Policy is { } policy)
        {
            TaskFailedException? last = null;
            for (var retryCount = 0; retryCount < policy.MaxNumberOfAttempts; retryCount++)
            {
                try
                {
                    return await attempt(retryCount + 1);
                }
                catch (TaskFailedException failed) when (!StoredFailure.IsNonRetriable(failed.FailureDetails))
                {
                    last = failed;
                }

                if (retryCount + 1 == policy.MaxNumberOfAttempts)
                {
                    // The Durable Task Framework schedules one timer, due at once, after the last attempt (kept there
                    // so old histories still replay); doing the same keeps histories identical across the two runtimes.
                    await CreateTimerCore(_currentUtcDateTime);
                    break;
                }

                var delay = NextDelay(policy, retryCount, firstAttempt, last, name);
                if (delay == TimeSpan.Zero)
                {
                    break;
                }

                NoteRetry(name, activity);
                await CreateTimerCore(_currentUtcDateTime + delay);
            }

            ExceptionDispatchInfo.Throw(last!);
        }

        var handler = retry.Handler!;
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await attempt(failures);
            }
            catch (TaskFailedException failed) when (!StoredFailure.IsNonRetriable(failed.FailureDetails))
            {
                var context = new RetryContext(
                    Context,
                    failures,
                    failed.FailureDetails,
                    _currentUtcDateTime - firstAttempt,
                    CancellationToken.None);
                if (!await handler(context))
                {
                    throw;
                }

                NoteRetry(name, activity);
            }
        }
    }

    // Only a retry decided now: one met again while replaying was counted by the episode that decided it.
    private void NoteRetry(string name, bool activity)
    {
        if (activity && !_isReplaying)
        {
            (_retries ??= []).Add(name);
        }
    }

    private TimeSpan NextDelay(
        RetryPolicy policy,
        int retryCount,
        DateTimeOffset firstAttempt,
        TaskFailedException failure,
        string name)
    {
        // The policy's failure filter is only reachable through the Framework's exception, which it unwraps again.
        var coreFailure = new CoreTaskFailedException(0, failure.TaskId, name, string.Empty, failure.Message, null!)
        {
            FailureDetails = ToCore(failure.FailureDetails),
        };
        try
        {
            if (!policy.Handle(coreFailure))
            {
                return TimeSpan.Zero;
            }
        }
// CA1031: as DurableTask.Core does, a throwing filter means no retry, and the task's own failure surfaces.
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return TimeSpan.Zero;
        }

        var expires = policy.RetryTimeout == Timeout.InfiniteTimeSpan || policy.RetryTimeout == TimeSpan.MaxValue
            ? DateTimeOffset.MaxValue
            : firstAttempt + policy.RetryTimeout;
        if (_currentUtcDateTime >= expires)
        {
            return TimeSpan.Zero;
        }

        var delay = policy.FirstRetryInterval.TotalMilliseconds * Math.Pow(policy.BackoffCoefficient, retryCount);
        return delay < policy.MaxRetryInterval.TotalMilliseconds
            ? TimeSpan.FromMilliseconds(delay)
            : policy.MaxRetryInterval;
    }

    private static CoreFailureDetails ToCore(TaskFailureDetails details) =>
        new(
            details.ErrorType,
            details.ErrorMessage,
            details.StackTrace,
            details.InnerFailure is { } inner ? ToCore(inner) : null,
            isNonRetriable: false);
}
