using Serverless.Durable.Client;
using Serverless.Durable.History;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// Kills the "process" at every storage call of a saga-shaped orchestration in turn, restarts the workers, and checks
/// that every run ends exactly like an uninjected one: same output, each side effect applied exactly once.
/// </summary>
public sealed class CrashSafetyTests
{
    private static readonly ActivityRef<string, string> Step = new("Step", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<SagaInput, string> Saga = new("CrashSaga", TestJsonContext.Default.SagaInput, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> Child = new("CrashChild", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> Parent = new("CrashParent", TestJsonContext.Default.String, TestJsonContext.Default.String);

    private static TestHub CreateHub() => new(registry => registry
        .AddActivity(Step, (ctx, step, _) =>
        {
            var effects = (SideEffects)ctx.Services.GetService(typeof(SideEffects))!;
            effects.ApplyOnce(ctx.IdempotencyKey, step);
            return step == "fail" ? throw new InvalidOperationException("the last step failed") : Task.FromResult(step);
        })
        .AddOrchestrator(Saga, async (ctx, input) =>
        {
            var compensations = new Compensations();
            try
            {
                foreach (var step in new[] { "reserve", "charge" })
                {
                    await ctx.CallActivityAsync(Step, step);
                    compensations.Add(step, () => ctx.CallActivityAsync(Step, "undo " + step));
                }

                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(1));
                var approval = await ctx.WaitForExternalEvent("approve", TestJsonContext.Default.String, TimeSpan.FromHours(1));
                await ctx.CallActivityAsync(Step, "ship");
                compensations.Add("ship", () => ctx.CallActivityAsync(Step, "undo ship"));
                await ctx.CallActivityAsync(Step, "notify");
                if (input.FailAtTheEnd)
                {
                    await ctx.CallActivityAsync(Step, "fail");
                }

                return $"done after {approval}";
            }
            catch (TaskFailedException failed)
            {
                await compensations.CompensateAsync();
                return $"compensated: {failed.FailureDetails.ErrorMessage}";
            }
        })
        .AddOrchestrator(Child, (ctx, step) => ctx.CallActivityAsync(Step, step))
        .AddOrchestrator(Parent, async (ctx, step) => "parent got " + await ctx.CallSubOrchestratorAsync(Child, step)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_crash_at_any_storage_call_loses_nothing_and_applies_every_effect_once(bool failAtTheEnd)
    {
        var mismatches = await CrashAtEveryCallAsync(async hub =>
        {
            var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Saga, new SagaInput("order-1", failAtTheEnd), "order-1");
            await hub.Client.RaiseEventAsync(id, "approve", "\"approval\"", eventId: "approval-1");
            return id;
        });

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task A_crash_at_any_storage_call_around_a_sub_orchestration_starts_the_child_once_and_completes_the_parent()
    {
        var mismatches = await CrashAtEveryCallAsync(hub => hub.Client.ScheduleNewOrchestrationInstanceAsync(Parent, "child step", "parent-1"));

        Assert.Empty(mismatches);
    }

    /// <summary>Runs the orchestration <paramref name="start"/> starts once without a crash, then once per storage call crashing there; returns the runs that ended differently.</summary>
    private static async Task<List<string>> CrashAtEveryCallAsync(Func<TestHub, Task<string>> start)
    {
        var (expectedOutput, expectedEffects, totalCalls) = await RunAsync(start, crashAfterCalls: int.MaxValue);
        Assert.True(totalCalls > 20, $"a run should make many storage calls, made {totalCalls}");

        var mismatches = new List<string>();
        for (var crashAfter = 0; crashAfter < totalCalls; crashAfter++)
        {
            var (output, effects, _) = await RunAsync(start, crashAfter);
            if (output != expectedOutput || !effects.SequenceEqual(expectedEffects))
            {
                mismatches.Add($"crash after call {crashAfter}: output '{output}', effects [{string.Join(", ", effects)}]");
            }
        }

        return mismatches;
    }

    private static async Task<(string? Output, List<string> Effects, int Calls)> RunAsync(Func<TestHub, Task<string>> start, int crashAfterCalls)
    {
        using var hub = CreateHub();
        var id = await start(hub);

        var faulty = new FaultInjectingStorageProvider(hub.Storage, crashAfterCalls);
        var doomed = hub.CreateEngine(faulty);
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

        // Restart: messages the dead process held become visible after their timeout, and the sweep runs at start-up.
        hub.Time.Advance(TimeSpan.FromMinutes(10));
        hub.RestartEngine(hub.Storage);
        await hub.Engine.SweepAsync();
        var result = await hub.RunToCompletionAsync(id);
        var history = (await hub.Client.GetInstanceAsync(id, includeHistory: true))!.History!;

        Assert.Equal(history.Count(e => e.Type == HistoryEventType.TaskScheduled), history.Count(e => e.Type is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed));
        var effects = hub.Effects.Log.Order(StringComparer.Ordinal).ToList();
        return (result.RuntimeStatus == OrchestrationStatus.Completed ? result.SerializedOutput : result.RuntimeStatus.ToString(), effects, faulty.Calls);
    }
}
