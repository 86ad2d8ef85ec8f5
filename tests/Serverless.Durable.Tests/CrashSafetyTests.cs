using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.Tests.Support;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Tests;

/// <summary>
/// Kills the "process" at every storage call of a saga-shaped orchestration in turn, restarts the workers, and checks
/// that every run ends exactly like an uninjected one: same output, each side effect applied exactly once.
/// </summary>
public class CrashSafetyTests
{
    private const string Step = "Step";
    private const string Saga = "CrashSaga";
    private const string Child = "CrashChild";
    private const string Parent = "CrashParent";
    private const string RetryingParent = "CrashRetryingParent";
    private const string DoomedWorker = "doomed";

    /// <summary>
    /// The hub on the backend under test: a SQLite file here; derived classes run every test on another backend.
    /// </summary>
    private protected virtual TestHub CreateHub() => new(Register);

    protected static void Register(DurableTaskRegistry registry) => registry
        .AddActivity(Step, sp => new StepActivity(sp.GetRequiredService<SideEffects>()))
        .AddOrchestratorFunc<SagaInput, string>(Saga, async (ctx, input) =>
        {
            var compensations = new Stack<string>();
            try
            {
                foreach (var step in new[] { "reserve", "charge" })
                {
                    await ctx.CallActivityAsync<string>(Step, step);
                    compensations.Push("undo " + step);
                }

                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(1), CancellationToken.None);
                var approval = await ctx.WaitForExternalEvent<string>("approve", TimeSpan.FromHours(1));
                await ctx.CallActivityAsync<string>(Step, "ship");
                compensations.Push("undo ship");
                await ctx.CallActivityAsync<string>(Step, "notify");
                if (input.FailAtTheEnd)
                {
                    await ctx.CallActivityAsync<string>(Step, "fail");
                }

                return $"done after {approval}";
            }
            catch (TaskFailedException failed)
            {
                while (compensations.TryPop(out var undo))
                {
                    await ctx.CallActivityAsync<string>(Step, undo);
                }

                return $"compensated: {failed.FailureDetails.ErrorMessage}";
            }
        })
        .AddOrchestratorFunc<string, string>(Child, (ctx, step) => ctx.CallActivityAsync<string>(Step, step))
        .AddOrchestratorFunc<string, string>(
            Parent,
            async (ctx, step) => "parent got " + await ctx.CallSubOrchestratorAsync<string>(Child, step))
        .AddOrchestratorFunc<string, string>(
            RetryingParent,
            async (ctx, step) => "retried " + await ctx.CallSubOrchestratorAsync<string>(
            Child, step, new SubOrchestrationOptions(
                TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5))),
                "retried-child")));

    [Theory]
    [InlineData(false, "done after approval")]
    [InlineData(true, "compensated: the last step failed")]
    public async Task A_crash_at_any_storage_call_loses_nothing_and_applies_every_effect_once(
        bool failAtTheEnd,
        string output)
    {
        var mismatches = await CrashAtEveryCallAsync(output, async hub =>
        {
            var id = await hub.StartAsync(Saga, new SagaInput("order-1", failAtTheEnd), "order-1");
            await hub.Client.RaiseEventOnceAsync(id, "approve", "approval", eventId: "approval-1");
            return id;
        });

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task A_crash_at_any_storage_call_around_a_sub_orchestration_starts_it_once_and_completes_the_parent()
    {
        var mismatches = await CrashAtEveryCallAsync(
            "parent got child step",
            hub => hub.StartAsync(Parent, "child step", "parent-1"));

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task A_crash_at_any_storage_call_around_a_retried_named_child_runs_it_again_and_completes_the_parent()
    {
        var mismatches = await CrashAtEveryCallAsync(
            "retried fails first",
            hub => hub.StartAsync(RetryingParent, "fails first", "retrying-parent-1"));

        Assert.Empty(mismatches);
    }

    /// <summary>
    /// Runs the orchestration <paramref name="start"/> starts once without a crash (it must complete with
    /// <paramref name="output"/>), then once per storage call crashing there; returns the runs that ended differently.
    /// </summary>
    private async Task<List<string>> CrashAtEveryCallAsync(string output, Func<TestHub, Task<string>> start)
    {
        var (expectedOutput, expectedEffects, totalCalls) = await RunAsync(start, crashAfterCalls: int.MaxValue);
        Assert.Equal($"\"{output}\"", expectedOutput);
        Assert.True(totalCalls > 20, $"a run should make many storage calls, made {totalCalls}");
        Assert.NotEmpty(expectedEffects);

        var mismatches = new List<string>();
        for (var crashAfter = 0; crashAfter < totalCalls; crashAfter++)
        {
            var (actualOutput, effects, _) = await RunAsync(start, crashAfter);
            if (actualOutput != expectedOutput || !effects.SequenceEqual(expectedEffects))
            {
                mismatches.Add($"crash after call {crashAfter}: output '{actualOutput}', effects " +
                    $"[{string.Join(", ", effects)}]");
            }
        }

        return mismatches;
    }

    private async Task<(string? Output, List<string> Effects, int Calls)> RunAsync(
        Func<TestHub,
        Task<string>> start,
        int crashAfterCalls)
    {
        using var hub = CreateHub();
        var id = await start(hub);

        // A worker under a lease, as in the hosts: what it holds in storage names it.
        var faulty = new FaultInjectingStorageProvider(hub.Storage, crashAfterCalls);
        var doomed = hub.CreateEngine(faulty, worker: new LocalQueueWorkers { WorkerId = DoomedWorker });
        try
        {
            for (var round = 0; round < 10 && !faulty.Crashed; round++)
            {
                await TestHub.RunUntilIdleAsync(faulty, doomed, abandonOnError: false);
                hub.Time.Advance(TimeSpan.FromMinutes(1));
            }
        }
        catch (SimulatedCrashException)
        {
            // The process died here. What it left in storage is all the restarted workers get.
        }

        // Restart: messages the dead process held become visible after their timeout, the worker that finds it dead
        // dispatches the outbox rows it held, and the sweep runs at start-up.
        hub.Time.Advance(TimeSpan.FromMinutes(10));
        hub.RestartEngine(hub.Storage);
        await hub.Engine.ReleaseHeldOutboxesAsync(DoomedWorker);
        await hub.Engine.SweepAsync();
        var result = await hub.RunToCompletionAsync(id);
        var history = await hub.HistoryAsync(id);

        Assert.Equal(
            history.Count(e => e is TaskScheduledEvent),
            history.Count(e => e is TaskCompletedEvent or TaskFailedEvent));
        var effects = hub.Effects.Log.Order(StringComparer.Ordinal).ToList();
        return (
            result.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                ? result.SerializedOutput
                : result.RuntimeStatus.ToString(),
            effects,
            faulty.Calls);
    }

    /// <summary>
    /// Applies its step once per instance and step (activities run at least once, so they are idempotent); the step
    /// "fails first" throws on its first invocation only.
    /// </summary>
    private sealed class StepActivity(SideEffects effects) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input)
        {
            var key = $"{context.InstanceId}:{input}";
            effects.CountInvocation(key);
            if (input == "fails first" && effects.Invocations(key) == 1)
            {
                return Task.FromException<string>(new TimeoutException("the first invocation fails"));
            }

            effects.ApplyOnce(key, input);
            return input == "fail"
                ? Task.FromException<string>(new InvalidOperationException("the last step failed"))
                : Task.FromResult(input);
        }
    }
}
