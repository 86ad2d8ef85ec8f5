using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

public sealed class CompensationTests
{
    private static readonly ActivityRef<string, string> Do = new("Do", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly ActivityRef<string, string> Undo = new("Undo", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, List<string>> Saga = new("Saga", TestJsonContext.Default.String, TestJsonContext.Default.ListString);

    [Fact]
    public async Task Compensations_run_in_reverse_order_when_a_later_step_fails()
    {
        var log = new List<string>();
        using var hub = new TestHub(registry => registry
            .AddActivity(Do, (_, step, _) =>
            {
                lock (log)
                {
                    log.Add("do " + step);
                }

                return step == "c" ? throw new InvalidOperationException("c failed") : Task.FromResult(step);
            })
            .AddActivity(Undo, (_, step, _) =>
            {
                lock (log)
                {
                    log.Add("undo " + step);
                }

                return step == "a-broken" ? throw new InvalidOperationException("cannot undo") : Task.FromResult(step);
            })
            .AddOrchestrator(Saga, async (ctx, input) =>
            {
                var compensations = new Compensations();
                try
                {
                    foreach (var step in input.Split(','))
                    {
                        await ctx.CallActivityAsync(Do, step);
                        compensations.Add(step, () => ctx.CallActivityAsync(Undo, step));
                    }

                    return ["completed"];
                }
                catch (TaskFailedException)
                {
                    try
                    {
                        await compensations.CompensateAsync();
                        return ["compensated"];
                    }
                    catch (AggregateException failures)
                    {
                        return failures.InnerExceptions.Select(e => e.Message).ToList();
                    }
                }
            }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Saga, "a,b,c,d");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(["compensated"], result.ReadOutputAs(TestJsonContext.Default.ListString));
        Assert.Equal(["do a", "do b", "do c", "undo b", "undo a"], log);
    }

    [Fact]
    public async Task Every_compensation_is_attempted_even_when_one_fails()
    {
        var undone = new List<string>();
        var compensations = new Compensations();
        compensations.Add("first", () => { undone.Add("first"); return Task.CompletedTask; });
        compensations.Add("broken", () => throw new InvalidOperationException("nope"));
        compensations.Add("last", () => { undone.Add("last"); return Task.CompletedTask; });

        var failure = await Assert.ThrowsAsync<AggregateException>(compensations.CompensateAsync);

        Assert.Equal(["last", "first"], undone);
        Assert.Contains("Compensation 'broken' failed: nope", failure.InnerExceptions.Single().Message, StringComparison.Ordinal);
        Assert.Equal(0, compensations.Count);
    }
}
