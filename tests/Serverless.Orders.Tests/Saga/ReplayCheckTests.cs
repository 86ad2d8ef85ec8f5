using Serverless.Durable.History;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Saga;

/// <summary>
/// The pre-deploy replay check over a SQLite task hub holding an in-flight order as the previous release stored it:
/// each golden history passes, each edited one is reported with the recorded event the code first parts from.
/// </summary>
public sealed class ReplayCheckTests
{
    public static TheoryData<string> Scenarios() => GoldenReplayTests.Scenarios();

    public static TheoryData<string, string> Edits() => GoldenEdits.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task An_in_flight_golden_history_passes(string scenario)
    {
        await using var hub = new UpgradedHub("2.0");
        await hub.WriteRunningAsync(InFlight(SagaReplayer.Read(scenario)));

        var report = await hub.Engine.CreateReplayCheck().RunAsync();

        Assert.Equal(1, report.Checked);
        Assert.Empty(report.Divergences);
        Assert.True(report.Passed);
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task An_edited_golden_history_is_reported_with_the_first_recorded_event_the_code_parts_from(
        string scenario,
        string edit)
    {
        await using var hub = new UpgradedHub("2.0");
        var history = InFlight(GoldenEdits.Apply(SagaReplayer.Read(scenario), edit));
        var input = await hub.WriteRunningAsync(history);

        var report = await hub.Engine.CreateReplayCheck().RunAsync();

        Assert.False(report.Passed);
        var divergence = Assert.Single(report.Divergences);
        Assert.Equal((input.OrderId, "PlaceOrder"), (divergence.InstanceId, divergence.Orchestrator));
        Assert.Contains("Non-deterministic", divergence.Message, StringComparison.Ordinal);
        var index = Assert.IsType<int>(divergence.EventIndex);
        var recorded = history[index];
        Assert.Equal($"{recorded.Type} {recorded.TaskId} {recorded.Name}".TrimEnd(), divergence.RecordedEvent);
        if (edit.StartsWith("rename ", StringComparison.Ordinal))
        {
            Assert.Equal(edit["rename ".Length..] + "V2", recorded.Name);
        }
    }

    /// <summary>The history as it stood just before the orchestrator finished, if it did.</summary>
    private static List<StoredHistoryEvent> InFlight(List<StoredHistoryEvent> history) =>
        history.Where(e => e.Type != HistoryEventType.ExecutionCompleted).ToList();
}
