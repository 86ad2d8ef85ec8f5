using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// The saga shape on the engine: compensating activities run after a failed step, in reverse order, and a failed
/// compensation does not stop the others. (The saga's own Compensations helper lives in Serverless.Orders and is
/// tested there.)
/// </summary>
public sealed class CompensationTests
{
    private const string Do = "Do";
    private const string Undo = "Undo";
    private const string Saga = "Saga";

    private static TestHub CreateHub(List<string> log) => new(registry => registry
        .AddActivityFunc<string, string>(Do, (_, step) =>
        {
            lock (log)
            {
                log.Add("do " + step);
            }

            return step.StartsWith('c')
                ? Task.FromException<string>(new InvalidOperationException("c failed"))
                : Task.FromResult(step);
        })
        .AddActivityFunc<string, string>(Undo, (_, step) =>
        {
            lock (log)
            {
                log.Add("undo " + step);
            }

            return step.EndsWith("-broken", StringComparison.Ordinal)
                ? Task.FromException<string>(new InvalidOperationException("cannot undo " + step))
                : Task.FromResult(step);
        })
        .AddOrchestratorFunc<string, List<string>>(Saga, async (ctx, input) =>
        {
            var done = new Stack<string>();
            try
            {
                foreach (var step in input.Split(','))
                {
                    await ctx.CallActivityAsync<string>(Do, step);
                    done.Push(step);
                }

                return ["completed"];
            }
            catch (TaskFailedException)
            {
                var failures = new List<string>();
                while (done.TryPop(out var step))
                {
                    try
                    {
                        await ctx.CallActivityAsync<string>(Undo, step);
                    }
                    catch (TaskFailedException failed)
                    {
                        failures.Add(failed.FailureDetails.ErrorMessage);
                    }
                }

                return failures.Count == 0 ? ["compensated"] : failures;
            }
        }));

    [Fact]
    public async Task Compensations_run_in_reverse_order_when_a_later_step_fails()
    {
        var log = new List<string>();
        using var hub = CreateHub(log);

        var id = await hub.StartAsync(Saga, "a,b,c,d");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(["compensated"], result.ReadOutputAs<List<string>>());
        Assert.Equal(["do a", "do b", "do c", "undo b", "undo a"], log);
    }

    [Fact]
    public async Task Every_compensation_is_attempted_even_when_one_fails()
    {
        var log = new List<string>();
        using var hub = CreateHub(log);

        var id = await hub.StartAsync(Saga, "first,a-broken,last,c");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(["cannot undo a-broken"], result.ReadOutputAs<List<string>>());
        Assert.Equal(["do first", "do a-broken", "do last", "do c", "undo last", "undo a-broken", "undo first"], log);
    }
}
