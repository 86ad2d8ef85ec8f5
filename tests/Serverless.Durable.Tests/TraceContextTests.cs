using System.Diagnostics;
using Microsoft.DurableTask;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Serverless.Durable.Engine;
using Serverless.Durable.Tests.Support;
using Serverless.Testing;
using Serverless.Testing.Telemetry;

namespace Serverless.Durable.Tests;

/// <summary>
/// The engine's spans as the in-memory exporter receives them: one trace per instance under its start, each activity
/// run under the episode that scheduled it, contexts stored with the instance, no span from a replay, and records
/// written before contexts were stored still run.
/// </summary>
public sealed class TraceContextTests : IDisposable
{
    private const string Greet = "Greet";
    private const string Sequence = "Sequence";
    private const string AwaitApproval = "AwaitApproval";

    private readonly List<Activity> _exported = [];
    private readonly TracerProvider _tracing;
    private Activity? _caller;
    private readonly TestHub _hub = new(registry => registry
        .AddActivityFunc<string, string>(Greet, (_, name) => $"hello {name}")
        .AddOrchestratorFunc<string, string>(Sequence, async (ctx, input) =>
            await ctx.CallActivityAsync<string>(Greet, await ctx.CallActivityAsync<string>(Greet, input)))
        .AddOrchestratorFunc<string, string>(AwaitApproval, async (ctx, input) =>
        {
            var greeting = await ctx.CallActivityAsync<string>(Greet, input);
            return greeting + " " + await ctx.WaitForExternalEvent<string>("Approval");
        }));

    public TraceContextTests() =>
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(DurableDiagnostics.SourceName)
            .AddInMemoryExporter(_exported)
            .Build()!;

    private TraceTree Trace
    {
        get
        {
            lock (_exported)
            {
                return new TraceTree(_exported.ToList().Select(TraceSpan.FromActivity), _caller!.TraceId.ToHexString());
            }
        }
    }

    [Fact]
    public async Task An_instance_is_one_trace_under_its_start_with_each_activity_under_the_episode_that_scheduled_it()
    {
        BeginCall();
        var instanceId = await _hub.StartAsync(Sequence, "ada");
        await _hub.RunToCompletionAsync(instanceId);

        var trace = Trace;
        trace.AssertConnected(_caller!.SpanId.ToHexString());
        var start = trace.One($"create_orchestration:{Sequence}");
        Assert.Equal((TraceSpanKind.Producer, instanceId), (start.Kind, start["durabletask.task.instance_id"]));
        var episodes = trace.Named($"orchestration:{Sequence}");
        Assert.Equal(["1", "2", "3"], episodes.Select(e => e["serverless.durable.episode"]).Order());
        Assert.All(episodes, e => Assert.Equal(start.SpanId, e.ParentSpanId));
        var last = episodes.Single(e => e["serverless.durable.episode"] == "3");
        Assert.Equal("Completed", last["durabletask.task.status"]);
        var runs = trace.Named($"activity:{Greet}");
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal($"orchestration:{Sequence}", trace.Parent(r).Name));
        Assert.Equal(2, runs.Select(r => r.ParentSpanId).Distinct().Count());
        var row = await InstanceRowAsync(instanceId);
        Assert.Equal(StoredTrace.Of(ToContext(start))!.TraceParent, row.TraceParent);
    }

    [Fact]
    public async Task Resuming_an_instance_on_a_fresh_engine_replays_its_history_without_a_span_for_what_it_replays()
    {
        BeginCall();
        var instanceId = await _hub.StartAsync(AwaitApproval, "ada");
        await _hub.RunUntilIdleAsync();

        _hub.RestartEngine(_hub.Storage);
        await _hub.Client.RaiseEventAsync(instanceId, "Approval", "yes");
        await _hub.RunToCompletionAsync(instanceId);

        // The whole trace, not the spans since a point: a span exported late or out of order cannot shift it.
        var episodes = await Eventually.ValueAsync(
            () => Task.FromResult(Trace.Named($"orchestration:{AwaitApproval}")),
            spans => spans.Any(s => s["serverless.durable.episode"] == "3"),
            "the resumed episode's span is exported");
        Assert.Equal(["1", "2", "3"], episodes.Select(e => e["serverless.durable.episode"]).Order());
        var raise = Assert.Single(Trace.Named("orchestration_event:Approval"));
        var resumed = episodes.Single(e => e["serverless.durable.episode"] == "3");
        Assert.Contains(new TraceSpanLink(raise.TraceId, raise.SpanId), resumed.Links);
        Assert.Single(Trace.Named($"activity:{Greet}"));
    }

    [Fact]
    public async Task An_instance_stored_before_contexts_were_stored_still_runs_and_its_next_episode_starts_its_trace()
    {
        BeginCall();
        var instanceId = await _hub.StartAsync(Sequence, "ada");
        await ForgetTraceAsync(instanceId);

        var done = await _hub.RunToCompletionAsync(instanceId);

        Assert.Equal("hello hello ada", done.ReadOutputAs<string>());
        var episodes = Trace.Named($"orchestration:{Sequence}");
        Assert.Equal(3, episodes.Count);
        var first = episodes.Single(e => e["serverless.durable.episode"] == "1");
        Assert.Equal(_caller!.SpanId.ToHexString(), first.ParentSpanId);
        Assert.All(episodes.Where(e => e != first), e => Assert.Equal(first.SpanId, e.ParentSpanId));
        Assert.Equal(
            StoredTrace.Of(ToContext(first))!.TraceParent,
            (await InstanceRowAsync(instanceId)).TraceParent);
    }

    public void Dispose()
    {
        _caller?.Dispose();
        _tracing.Dispose();
        _hub.Dispose();
    }

    /// <summary>The caller's span (not exported): what the start finds current, as a request's would be.</summary>
    private void BeginCall()
    {
        // Sampled, as a caller's context that asks for the trace to be recorded.
        _caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C);
        _caller.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        _caller.Start();
    }

    private static System.Diagnostics.ActivityContext ToContext(TraceSpan span) => new(
        ActivityTraceId.CreateFromString(span.TraceId),
        ActivitySpanId.CreateFromString(span.SpanId),
        ActivityTraceFlags.Recorded);

    private async Task<InstanceRow> InstanceRowAsync(string instanceId) =>
        InstanceRow.FromEntity((await _hub.Engine.Hub.Instances.GetAsync(instanceId, RowKeys.Instance))!);

    /// <summary>Rewrites the instance row as a release before stored contexts wrote it.</summary>
    private async Task ForgetTraceAsync(string instanceId)
    {
        var row = await InstanceRowAsync(instanceId);
        var entity = (row with { TraceParent = null, TraceState = null }).ToEntity();
        await _hub.Engine.Hub.Instances.ExecuteBatchAsync(
            [Serverless.Storage.Tables.TableOperation.Replace(entity, row.ETag!)]);
    }
}
