using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Catalog.Tasks;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>
/// Retries of a failing activity, by a declarative <see cref="RetryPolicy"/> and by an <see cref="AsyncRetryHandler"/>.
/// </summary>
internal static class RetryScenarios
{
    /// <summary>
    /// Real-time runtimes wait this long between attempts: short, since only the order of events matters.
    /// </summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>Flaky fails twice; a policy of 5 attempts gets the third attempt's result: output 3.</summary>
    public static Scenario PolicySucceeds { get; } = Scenario.Start(
        "retry-policy-succeeds",
        registry =>
        {
            registry.AddOrchestrator(nameof(PolicyOrchestrator), () => new PolicyOrchestrator());
            FlakyActivity.Register(registry, failures: 2);
        },
        nameof(PolicyOrchestrator),
        5);

    /// <summary>Flaky always fails; a policy of 3 attempts gives up and the caught failure is the output.</summary>
    public static Scenario PolicyExhausted { get; } = Scenario.Start(
        "retry-policy-exhausted",
        registry =>
        {
            registry.AddOrchestrator(nameof(PolicyOrchestrator), () => new PolicyOrchestrator());
            FlakyActivity.Register(registry, failures: int.MaxValue);
        },
        nameof(PolicyOrchestrator),
        3);

    /// <summary>
    /// Flaky fails twice; a retry handler that retries <see cref="InvalidOperationException"/> up to 3 attempts after a
    /// durable timer gets the third attempt's result. Output: the attempt and the failures the handler saw.
    /// </summary>
    public static Scenario HandlerSucceeds { get; } = Scenario.Start(
        "retry-handler-succeeds",
        registry =>
        {
            registry.AddOrchestrator(nameof(HandlerOrchestrator), () => new HandlerOrchestrator());
            FlakyActivity.Register(registry, failures: 2);
        },
        nameof(HandlerOrchestrator),
        3);

    /// <summary>
    /// Flaky always fails; the handler stops after 2 attempts and the failure escapes: the orchestration fails.
    /// </summary>
    public static Scenario HandlerGivesUp { get; } = Scenario.Start(
        "retry-handler-gives-up",
        registry =>
        {
            registry.AddOrchestrator(nameof(HandlerOrchestrator), () => new HandlerOrchestrator());
            FlakyActivity.Register(registry, failures: int.MaxValue);
        },
        nameof(HandlerOrchestrator),
        2);

    private sealed class PolicyOrchestrator : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            var options = TaskOptions.FromRetryPolicy(new RetryPolicy(
                maxNumberOfAttempts: input,
                firstRetryInterval: RetryDelay));
            try
            {
                var attempt = await context.CallActivityAsync<int>(FlakyActivity.Name, "charge", options);
                return $"succeeded on attempt {attempt}";
            }
            catch (TaskFailedException exception)
            {
                return $"gave up: {exception.FailureDetails.ErrorType}: {exception.FailureDetails.ErrorMessage}";
            }
        }
    }

    private sealed class HandlerOrchestrator : TaskOrchestrator<int, IReadOnlyList<string>>
    {
        public override async Task<IReadOnlyList<string>> RunAsync(TaskOrchestrationContext context, int input)
        {
            var seen = new List<string>();
            var options = TaskOptions.FromRetryHandler(async retry =>
            {
                seen.Add($"{retry.LastAttemptNumber}: {retry.LastFailure.ErrorType}: {retry.LastFailure.ErrorMessage}");
                if (retry.LastAttemptNumber >= input || !retry.LastFailure.IsCausedBy<InvalidOperationException>())
                {
                    return false;
                }

                await retry.OrchestrationContext.CreateTimer(RetryDelay, retry.CancellationToken);
                return true;
            });
            var attempt = await context.CallActivityAsync<int>(FlakyActivity.Name, "charge", options);
            seen.Add($"succeeded on attempt {attempt}");
            return seen;
        }
    }
}
