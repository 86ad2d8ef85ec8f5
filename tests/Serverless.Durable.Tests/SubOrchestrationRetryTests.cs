using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>Retrying a sub-orchestration runs the child again, also under an instance id the parent chose.</summary>
public sealed class SubOrchestrationRetryTests
{
    private const string FailsOnce = "FailsOnce";
    private const string FlakyChild = "FlakyChild";
    private const string RetriesNamedChild = "RetriesNamedChild";
    private const string RetriesChild = "RetriesChild";

    private static TestHub CreateHub(int[] attempts) => new(registry => registry
        .AddActivityFunc<string, string>(FailsOnce, (_, input) =>
            Interlocked.Increment(ref attempts[0]) == 1
                ? Task.FromException<string>(new TimeoutException("first try"))
                : Task.FromResult(input.ToUpperInvariant()))
        .AddOrchestratorFunc<string, string>(
            FlakyChild,
            (ctx, input) => ctx.CallActivityAsync<string>(FailsOnce, input))
        .AddOrchestratorFunc<string, string>(RetriesNamedChild, (ctx, input) => ctx.CallSubOrchestratorAsync<string>(
            FlakyChild, input, new SubOrchestrationOptions(
                TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5))),
                "named-child")))
        .AddOrchestratorFunc<string, string>(RetriesChild, (ctx, input) => ctx.CallSubOrchestratorAsync<string>(
            FlakyChild, input, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5))))));

    [Fact]
    public async Task A_failed_sub_orchestration_is_run_again_by_its_retry_policy()
    {
        var attempts = new int[1];
        using var hub = CreateHub(attempts);

        var id = await hub.StartAsync(RetriesChild, "again");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("AGAIN", result.ReadOutputAs<string>());
        Assert.Equal(2, attempts[0]);
    }

    [Fact]
    public async Task A_failed_sub_orchestration_with_an_id_of_the_parents_choosing_is_run_again_under_that_id()
    {
        var attempts = new int[1];
        using var hub = CreateHub(attempts);

        var id = await hub.StartAsync(RetriesNamedChild, "again");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("AGAIN", result.ReadOutputAs<string>());
        Assert.Equal(2, attempts[0]);
        var child = await hub.Client.GetInstanceAsync("named-child", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal("AGAIN", child.ReadOutputAs<string>());
    }
}
