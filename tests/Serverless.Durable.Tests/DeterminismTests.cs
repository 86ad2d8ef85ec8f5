using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

public sealed class DeterminismTests
{
    private static readonly ActivityRef<string, string> Echo = new("Echo", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly ActivityRef<string, string> Other = new("Other", TestJsonContext.Default.String, TestJsonContext.Default.String);

    [Fact]
    public async Task New_guids_and_current_time_are_the_same_on_every_replay()
    {
        var observed = new ConcurrentBag<string>();
        var orchestrator = new OrchestratorRef<string, string>("Observe", TestJsonContext.Default.String, TestJsonContext.Default.String);
        using var hub = new TestHub(registry => registry
            .AddActivity(Echo, (_, s, _) => Task.FromResult(s))
            .AddOrchestrator(orchestrator, async (ctx, input) =>
            {
                var snapshot = $"{ctx.NewGuid()}|{ctx.CurrentUtcDateTime:O}";
                observed.Add(snapshot);
                await ctx.CallActivityAsync(Echo, input);
                await ctx.CallActivityAsync(Echo, input);
                return snapshot;
            }));


        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, "x");
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(TimeSpan.FromHours(1));
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(3, observed.Count);
        Assert.Single(observed.Distinct());
        Assert.Equal(observed.First(), result.ReadOutputAs(TestJsonContext.Default.String));
    }

    [Fact]
    public async Task Guids_differ_between_calls_and_between_instances()
    {
        var orchestrator = new OrchestratorRef<string, List<string>>("Guids", TestJsonContext.Default.String, TestJsonContext.Default.ListString);
        using var hub = new TestHub(registry => registry
            .AddOrchestrator(orchestrator, (ctx, _) => Task.FromResult(new List<string> { ctx.NewGuid().ToString(), ctx.NewGuid().ToString() })));

        var first = await hub.RunToCompletionAsync(await hub.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, ""));
        var second = await hub.RunToCompletionAsync(await hub.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, ""));

        var all = first.ReadOutputAs(TestJsonContext.Default.ListString)!.Concat(second.ReadOutputAs(TestJsonContext.Default.ListString)!).ToList();
        Assert.Equal(4, all.Distinct().Count());
    }

    [Fact]
    public async Task The_replay_safe_logger_writes_each_message_once()
    {
        var sink = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(sink));
        var orchestrator = new OrchestratorRef<string, string>("Logging", TestJsonContext.Default.String, TestJsonContext.Default.String);
        using var hub = new TestHub(registry => registry
            .AddActivity(Echo, (_, s, _) => Task.FromResult(s))
            .AddOrchestrator(orchestrator, async (ctx, input) =>
            {
                var logger = ctx.CreateReplaySafeLogger("Test");
                logger.LogInformation("before");
                await ctx.CallActivityAsync(Echo, input);
                logger.LogInformation("middle");
                await ctx.CallActivityAsync(Echo, input);
                logger.LogInformation("after");
                return input;
            }));
        var engine = new Engine.DurableTaskEngine(
            hub.Storage, hub.Registry, Microsoft.Extensions.Options.Options.Create(hub.HubOptions), new EmptyServices(), factory, hub.Time);

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, "x");
        await TestHub.RunUntilIdleAsync(hub.Storage, engine, abandonOnError: false);

        Assert.Equal(OrchestrationStatus.Completed, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(["before", "middle", "after"], sink.Messages.Where(m => m.Category == "Test").Select(m => m.Message));
    }

    [Fact]
    public async Task Changing_the_scheduled_activity_fails_the_instance_with_an_error_naming_both()
    {
        var orchestrator = new OrchestratorRef<string, string>("Evolving", TestJsonContext.Default.String, TestJsonContext.Default.String);
        var version = 1;
        using var hub = new TestHub(registry => registry
            .AddActivity(Echo, (_, s, _) => Task.FromResult(s))
            .AddActivity(Other, (_, s, _) => Task.FromResult(s))
            .AddOrchestrator(orchestrator, async (ctx, input) =>
            {
                await ctx.CallActivityAsync(version == 1 ? Echo : Other, input);
                await ctx.WaitForExternalEvent("continue", TestJsonContext.Default.String);
                return input;
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, "x");
        await hub.RunUntilIdleAsync();

        version = 2;
        await hub.Client.RaiseEventAsync(id, "continue", "\"go\"");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("activity 'Echo'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("activity 'Other'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_scheduled_activity_fails_the_instance_as_non_deterministic()
    {
        var orchestrator = new OrchestratorRef<string, string>("Shrinking", TestJsonContext.Default.String, TestJsonContext.Default.String);
        var callActivity = true;
        using var hub = new TestHub(registry => registry
            .AddActivity(Echo, (_, s, _) => Task.FromResult(s))
            .AddOrchestrator(orchestrator, async (ctx, input) =>
            {
                if (callActivity)
                {
                    await ctx.CallActivityAsync(Echo, input);
                }

                return await ctx.WaitForExternalEvent("continue", TestJsonContext.Default.String);
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, "x");
        await hub.RunUntilIdleAsync();

        callActivity = false;
        await hub.Client.RaiseEventAsync(id, "continue", "\"go\"");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Failed, result.RuntimeStatus);
        Assert.Contains("no longer schedules it", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
