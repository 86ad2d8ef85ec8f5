using DurableTask.Core.History;
using DurableTask.Core.Settings;
using Microsoft.DurableTask.Abstractions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Durable.Engine;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// Orchestration versioning as the Durable Task SDK defines it: the version stored with each instance at start (the
/// client's default or the start options'), <c>context.Version</c>, sub-orchestrations and continue-as-new, and the
/// worker's match and failure strategies, so that in a rolling upgrade an older worker leaves newer instances alone.
/// </summary>
public sealed class VersioningTests
{
    private const string Echo = "EchoVersion";
    private const string Parent = "ParentOfVersions";
    private const string Rounds = "VersionRounds";
    private const string Calls = "CallsActivity";
    private const string Step = "VersionedStep";

    private static TestHub CreateHub(Action<DurableTaskOptions> configure) => new(
        registry => registry
            .AddOrchestratorFunc<string?, string>(Echo, (ctx, _) => Task.FromResult(ctx.Version))
            .AddOrchestratorFunc<string?, string>(Parent, async (ctx, _) =>
            {
                var inherited = await ctx.CallSubOrchestratorAsync<string>(Echo);
                var named = await ctx.CallSubOrchestratorAsync<string>(
                    Echo,
                    options: new SubOrchestrationOptions { Version = "3.0" });
                return $"{ctx.Version}|{inherited}|{named}";
            })
            .AddOrchestratorFunc<string, string>(Rounds, (ctx, round) =>
            {
                if (round == "first")
                {
                    ctx.ContinueAsNew(new ContinueAsNewOptions { NewInput = "second", NewVersion = "2.0" });
                    return Task.FromResult(string.Empty);
                }

                return Task.FromResult(ctx.Version);
            })
            .AddOrchestratorFunc<string?, string>(Calls, async (ctx, _) => await ctx.CallActivityAsync<string>(Step))
            .AddActivityFunc<string?, string>(Step, (context, _) =>
            {
                return $"ran for {context.InstanceId}";
            }),
        configure: configure);

    [Fact]
    public async Task The_client_stores_its_default_version_and_the_orchestrator_reads_it_as_context_Version()
    {
        using var hub = CreateHub(options => options.DefaultVersion = "2.0");

        var id = await hub.StartAsync(Echo, null);
        var state = await hub.RunToCompletionAsync(id);

        Assert.Equal("2.0", state.ReadOutputAs<string>());
        Assert.Equal("2.0", Assert.Single((await hub.HistoryAsync(id)).OfType<ExecutionStartedEvent>()).Version);
    }

    [Fact]
    public async Task A_version_in_the_start_options_wins_over_the_client_default()
    {
        using var hub = CreateHub(options => options.DefaultVersion = "2.0");

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Echo,
            null,
            new StartOrchestrationOptions { Version = "1.5" });
        var state = await hub.RunToCompletionAsync(id);

        Assert.Equal("1.5", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_sub_orchestration_starts_on_its_options_version_else_on_the_worker_default()
    {
        using var hub = CreateHub(options =>
        {
            options.DefaultVersion = "2.0";
            options.VersionMatchStrategy = OrchestrationVersionMatch.None;
        });

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Parent,
            null,
            new StartOrchestrationOptions { Version = "1.0" });
        var state = await hub.RunToCompletionAsync(id);

        Assert.Equal("1.0|2.0|3.0", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Continue_as_new_with_a_new_version_runs_the_next_execution_on_it()
    {
        using var hub = CreateHub(options => options.DefaultVersion = "2.0");

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Rounds,
            "first",
            new StartOrchestrationOptions { Version = "1.0" });
        var state = await hub.RunToCompletionAsync(id);

        Assert.Equal("2.0", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task With_Reject_an_older_worker_leaves_a_newer_instance_unchanged_for_a_newer_worker()
    {
        using var hub = CreateHub(options => options.DefaultVersion = "2.0");
        var older = OtherWorker(
            hub, "1.0", OrchestrationVersionMatch.CurrentOrOlder, OrchestrationVersionFailure.Reject);
        var id = await hub.StartAsync(Echo, null);

        var handled = await TestHub.RunUntilIdleAsync(hub.Storage, older, abandonOnError: false);

        Assert.True(handled > 0);
        var waiting = await hub.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, waiting!.RuntimeStatus);
        hub.Time.Advance(VersionGate.RejectedRetryDelay);
        var state = await hub.RunToCompletionAsync(id);
        Assert.Equal("2.0", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task With_Reject_an_older_worker_leaves_a_newer_instances_activity_for_a_newer_worker()
    {
        using var hub = CreateHub(options => options.DefaultVersion = "2.0");
        var older = OtherWorker(
            hub, "1.0", OrchestrationVersionMatch.CurrentOrOlder, OrchestrationVersionFailure.Reject);
        var id = await hub.StartAsync(Calls, null);
        await hub.Engine.HandleWakeUpAsync(id);

        await TestHub.RunUntilIdleAsync(hub.Storage, older, abandonOnError: false);

        var history = await hub.HistoryAsync(id);
        Assert.Single(history.OfType<TaskScheduledEvent>());
        Assert.Empty(history.OfType<TaskCompletedEvent>());
        Assert.Empty(history.OfType<TaskFailedEvent>());
        hub.Time.Advance(VersionGate.RejectedRetryDelay);
        var state = await hub.RunToCompletionAsync(id);
        Assert.Equal($"ran for {id}", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task With_Strict_and_Fail_a_worker_fails_an_instance_of_another_version_with_VersionMismatch()
    {
        using var hub = CreateHub(options =>
        {
            options.DefaultVersion = "1.0";
            options.VersionMatchStrategy = OrchestrationVersionMatch.Strict;
            options.VersionFailureStrategy = OrchestrationVersionFailure.Fail;
        });

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Echo,
            null,
            new StartOrchestrationOptions { Version = "0.9" });
        var state = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal("VersionMismatch", state.FailureDetails?.ErrorType);
        Assert.Contains("'0.9'", state.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_failed_for_its_version_still_records_its_start_with_that_version()
    {
        // As the SDK's worker: the failed instance's history is ExecutionStarted (with the version) then the failure.
        using var hub = CreateHub(options =>
        {
            options.DefaultVersion = "2.0";
            options.VersionMatchStrategy = OrchestrationVersionMatch.CurrentOrOlder;
            options.VersionFailureStrategy = OrchestrationVersionFailure.Fail;
        });

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Echo,
            "input",
            new StartOrchestrationOptions { Version = "3.0" });
        var state = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        var history = await hub.HistoryAsync(id);
        var started = Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Equal("3.0", started.Version);
        Assert.Equal(Echo, started.Name);
        Assert.IsType<ExecutionCompletedEvent>(history[^1]);
    }

    [Fact]
    public async Task With_CurrentOrOlder_a_newer_worker_runs_older_and_unversioned_instances()
    {
        using var hub = CreateHub(options => options.DefaultVersion = "2.0");

        var older = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Echo,
            null,
            new StartOrchestrationOptions { Version = "1.0" });
        var unversioned = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Echo,
            null,
            new StartOrchestrationOptions { Version = string.Empty });

        Assert.Equal("1.0", (await hub.RunToCompletionAsync(older)).ReadOutputAs<string>());
        Assert.Equal(string.Empty, (await hub.RunToCompletionAsync(unversioned)).ReadOutputAs<string>());
    }

    [Fact]
    public void An_unversioned_instance_is_older_than_2_0_on_the_engine_the_SDK_and_Durable_Functions_alike()
    {
        var version = string.Empty;
        // Under CurrentOrOlder the SDK's worker (GrpcDurableTaskWorker) and DurableTask.Core's dispatcher (which runs
        // Durable Functions' orchestrations) turn work away only when this comparison is above 0.
        Assert.True(TaskOrchestrationVersioningUtils.CompareVersions(version, "2.0") < 0);
        Assert.True(VersioningSettings.CompareVersions(version, "2.0") < 0);
        var gate = new VersionGate(new DurableTaskOptions
        {
            DefaultVersion = "2.0",
            VersionMatchStrategy = OrchestrationVersionMatch.CurrentOrOlder,
        });
        Assert.Null(gate.Check(version));
    }

    [Fact]
    public async Task A_worker_without_a_version_runs_every_instance()
    {
        using var hub = CreateHub(_ => { });

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Echo,
            null,
            new StartOrchestrationOptions { Version = "9.0" });

        Assert.Equal("9.0", (await hub.RunToCompletionAsync(id)).ReadOutputAs<string>());
    }

    private static DurableTaskEngine OtherWorker(
        TestHub hub,
        string version,
        OrchestrationVersionMatch match,
        OrchestrationVersionFailure failure) => new(
        hub.Storage,
        hub.Registry,
        Options.Create(new DurableTaskOptions
        {
            TaskHub = hub.HubOptions.TaskHub,
            DefaultVersion = version,
            VersionMatchStrategy = match,
            VersionFailureStrategy = failure,
        }),
        hub.Services,
        hub.Converter,
        NullLoggerFactory.Instance,
        hub.Time);
}
