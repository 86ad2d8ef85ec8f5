using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Tests.Support;
using NonDeterministicOrchestrationException = DurableTask.Core.Exceptions.NonDeterministicOrchestrationException;

namespace Serverless.Durable.Tests;

public sealed class DeterminismTests
{
    private const string Echo = "Echo";
    private const string Other = "Other";

    [Fact]
    public async Task New_guids_and_current_time_are_the_same_on_every_replay()
    {
        var observed = new ConcurrentBag<string>();
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<string, string>(Echo, (_, s) => s)
            .AddOrchestratorFunc<string, string>("Observe", async (ctx, input) =>
            {
                var snapshot = $"{ctx.NewGuid()}|{ctx.CurrentUtcDateTime:O}";
                observed.Add(snapshot);
                await ctx.CallActivityAsync<string>(Echo, input);
                await ctx.CallActivityAsync<string>(Echo, input);
                return snapshot;
            }),
            configure: options => options.MaxCachedInstances = 0); // every episode replays from the start

        var id = await hub.StartAsync("Observe", "x");
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(TimeSpan.FromHours(1));
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(3, observed.Count);
        Assert.Single(observed.Distinct());
        Assert.Equal(observed.First(), result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Guids_differ_between_calls_and_between_instances()
    {
        using var hub = new TestHub(registry => registry
            .AddOrchestratorFunc<string, List<string>>(
                "Guids",
                (ctx, _) => Task.FromResult(new List<string> { ctx.NewGuid().ToString(), ctx.NewGuid().ToString() })));

        var first = await hub.RunToCompletionAsync(await hub.StartAsync("Guids", ""));
        var second = await hub.RunToCompletionAsync(await hub.StartAsync("Guids", ""));

        var all = first.ReadOutputAs<List<string>>()!.Concat(second.ReadOutputAs<List<string>>()!).ToList();
        Assert.Equal(4, all.Distinct().Count());
    }

    [Fact]
    public async Task The_replay_safe_logger_writes_each_message_once()
    {
        var sink = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(sink));
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<string, string>(Echo, (_, s) => s)
            .AddOrchestratorFunc<string, string>("Logging", async (ctx, input) =>
            {
                var logger = ctx.CreateReplaySafeLogger("Test");
                logger.LogInformation("before");
                await ctx.CallActivityAsync<string>(Echo, input);
                logger.LogInformation("middle");
                await ctx.CallActivityAsync<string>(Echo, input);
                logger.LogInformation("after");
                return input;
            }));
        var engine = hub.CreateEngine(hub.Storage, factory);

        var id = await hub.StartAsync("Logging", "x");
        await TestHub.RunUntilIdleAsync(hub.Storage, engine, abandonOnError: false);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(
            ["before", "middle", "after"],
            sink.Entries.Where(m => m.Category == "Test").Select(m => m.Message));
    }

    [Fact]
    public async Task Changing_the_scheduled_activity_fails_the_instance_with_an_error_naming_both()
    {
        var version = 1;
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<string, string>(Echo, (_, s) => s)
            .AddActivityFunc<string, string>(Other, (_, s) => s)
            .AddOrchestratorFunc<string, string>("Evolving", async (ctx, input) =>
            {
                await ctx.CallActivityAsync<string>(version == 1 ? Echo : Other, input);
                await ctx.WaitForExternalEvent<string>("continue");
                return input;
            }));
        var id = await hub.StartAsync("Evolving", "x");
        await hub.RunUntilIdleAsync();

        version = 2;
        hub.RestartEngine(hub.Storage); // a deployment: a new process, which knows the instance only from its history
        await hub.Client.RaiseEventAsync(id, "continue", "go");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("activity 'Echo'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("activity 'Other'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_scheduled_activity_fails_the_instance_as_non_deterministic()
    {
        var callActivity = true;
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<string, string>(Echo, (_, s) => s)
            .AddOrchestratorFunc<string, string>("Shrinking", async (ctx, input) =>
            {
                if (callActivity)
                {
                    await ctx.CallActivityAsync<string>(Echo, input);
                }

                return await ctx.WaitForExternalEvent<string>("continue");
            }));
        var id = await hub.StartAsync("Shrinking", "x");
        await hub.RunUntilIdleAsync();

        callActivity = false;
        hub.RestartEngine(hub.Storage); // a deployment: a new process, which knows the instance only from its history
        await hub.Client.RaiseEventAsync(id, "continue", "go");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("no longer schedules it", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }
}
