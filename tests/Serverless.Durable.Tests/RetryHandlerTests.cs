using System.Globalization;
using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// A retry handler decides each retry itself, from the context the SDK gives it, and waits on its own timers.
/// </summary>
public sealed class RetryHandlerTests
{
    private const string AlwaysFails = "AlwaysFails";
    private const string WithHandler = "WithHandler";

    [Fact]
    public async Task A_retry_handler_sees_each_attempt_failure_and_elapsed_time_and_its_timers_are_recorded()
    {
        var attempts = 0;
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<string, string>(
                AlwaysFails,
                (_, _) =>
                    Task.FromException<string>(new TimeoutException($"attempt {Interlocked.Increment(ref attempts)}")))
            .AddOrchestratorFunc<string, string>(WithHandler, async (ctx, input) =>
            {
                var seen = new List<string>();
                var options = TaskOptions.FromRetryHandler(async retry =>
                {
                    var failure = retry.LastFailure;
                    var elapsedSeconds = retry.TotalRetryTime.TotalSeconds;
                    seen.Add(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{retry.LastAttemptNumber}|{failure.ErrorType}|{failure.ErrorMessage}|{elapsedSeconds}s"));
                    if (retry.LastAttemptNumber >= 3)
                    {
                        return false;
                    }

                    await retry.OrchestrationContext.CreateTimer(
                        TimeSpan.FromSeconds(5 * retry.LastAttemptNumber),
                        CancellationToken.None);
                    return true;
                });
                try
                {
                    return await ctx.CallActivityAsync<string>(AlwaysFails, input, options);
                }
                catch (TaskFailedException failed)
                {
                    seen.Add($"gave up: {failed.FailureDetails.ErrorMessage}");
                    return string.Join("; ", seen);
                }
            }));

        var id = await hub.StartAsync(WithHandler, "x");
        var result = await hub.RunToCompletionAsync(id, TimeSpan.FromSeconds(1), rounds: 500);

        Assert.Equal(
            "1|System.TimeoutException|attempt 1|0s; 2|System.TimeoutException|attempt 2|5s; " +
                "3|System.TimeoutException|attempt 3|15s; gave up: attempt 3",
            result.ReadOutputAs<string>());
        Assert.Equal(
            ["activity", "timer +5s", "activity", "timer +10s", "activity"],
            RetrySteps.Of(await hub.HistoryAsync(id)));
        Assert.Equal(3, attempts);
    }
}
