using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Serverless.Durable.History;

namespace Serverless.Orders.Tests.Saga;

/// <summary>
/// The golden histories of <c>PlaceOrder</c> (Saga/Golden: a to g recorded from the saga before the Durable Task SDK
/// rewrite, h and i from saga version 2.0; see the README there) are well-formed engine histories and show what each
/// scenario did. Uses only the engine's history types and System.Text.Json, so it stays valid whatever the saga is
/// written with.
/// </summary>
public sealed class GoldenHistoryTests
{
    // The engine's stored contract (DurableJsonContext): camelCase, nulls omitted, enums as strings.
    private static readonly JsonSerializerOptions EngineJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private static string GoldenDirectory => Path.Combine(AppContext.BaseDirectory, "Saga", "Golden");

    [Theory]
    [InlineData(
        "a-confirmed",
        "Confirmed",
        "RecordOrder ReserveStock ChargePayment CommitStock SetOrderStatus PublishOrderConfirmed")]
    [InlineData(
        "b-declined",
        "Cancelled",
        "RecordOrder ReserveStock ChargePayment RefundPayment ReleaseStock SetOrderStatus")]
    [InlineData(
        "c-transient-then-confirmed",
        "Confirmed",
        "RecordOrder ReserveStock ChargePayment timer:00:00:01 ChargePayment timer:00:00:02 ChargePayment " +
            "CommitStock " +
            "SetOrderStatus PublishOrderConfirmed")]
    [InlineData("d-approval-waiting", null, "RecordOrder ReserveStock SetOrderStatus timer:1.00:00:00")]
    [InlineData(
        "e-approval-timed-out",
        "Cancelled",
        "RecordOrder ReserveStock SetOrderStatus timer:1.00:00:00 RecordApprovalTimeout ReleaseStock SetOrderStatus")]
    [InlineData(
        "f-compensation-retried",
        "Cancelled",
        "RecordOrder ReserveStock ChargePayment RefundPayment timer:00:00:01 RefundPayment timer:00:00:02 " +
            "RefundPayment timer:00:00:04 RefundPayment ReleaseStock SetOrderStatus")]
    [InlineData(
        "g-approved-then-confirmed",
        "Confirmed",
        "RecordOrder ReserveStock SetOrderStatus timer:1.00:00:00 SetOrderStatus ChargePayment CommitStock " +
            "SetOrderStatus PublishOrderConfirmed")]
    [InlineData(
        "h-v2-screened-confirmed",
        "Confirmed",
        "RecordOrder ReserveStock ScreenOrder ChargePayment CommitStock SetOrderStatus PublishOrderConfirmed")]
    [InlineData(
        "i-v2-screen-refused",
        "Cancelled",
        "RecordOrder ReserveStock ScreenOrder ReleaseStock SetOrderStatus")]
    public void A_golden_history_schedules_the_activities_and_timers_of_its_scenario(
        string scenario,
        string? orderStatus,
        string schedule)
    {
        var history = ReadHistory(scenario);

        Assert.Equal(schedule.Split(' '), ScheduleOf(history));
        var completed = history.Where(e => e.Type == HistoryEventType.ExecutionCompleted).ToList();
        if (orderStatus is null)
        {
            Assert.Empty(completed);
        }
        else
        {
            var output = JsonNode.Parse(Assert.Single(completed).Result!)!;
            Assert.Equal(orderStatus, (string?)output["status"]);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_golden_history_is_a_well_formed_engine_history(string scenario)
    {
        var history = ReadHistory(scenario);

        Assert.Equal(
            (HistoryEventType.OrchestratorStarted, HistoryEventType.ExecutionStarted),
            (history[0].Type, history[1].Type));
        Assert.Equal("PlaceOrder", history[1].Name);
        Assert.All(
            history.Zip(history.Skip(1)),
            pair => Assert.True(pair.First.Timestamp <= pair.Second.Timestamp, "timestamps never go back"));

        // Tasks and timers share one id sequence from 0; every outcome answers an earlier scheduling of the same task.
        var scheduled = history.Where(e => e.Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated)
            .ToList();
        Assert.Equal(Enumerable.Range(0, scheduled.Count), scheduled.Select(e => e.TaskId!.Value));
        foreach (var (
            outcome,
            index) in history.Select((e, i) =>
                (e, i)).Where(p =>
                    p.e.Type is HistoryEventType.TaskCompleted
                        or HistoryEventType.TaskFailed
                        or HistoryEventType.TimerFired))
        {
            var origin = Assert.Single(
                history.Take(index),
                e => e.TaskId == outcome.TaskId
                    && e.Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated);
            Assert.Equal(
                outcome.Type == HistoryEventType.TimerFired
                    ? HistoryEventType.TimerCreated
                    : HistoryEventType.TaskScheduled,
                origin.Type);
            Assert.Equal((origin.Name, origin.FireAt), (outcome.Name, outcome.FireAt));
            Assert.Equal(HistoryEventType.OrchestratorStarted, history[index - 1].Type);
        }

        Assert.All(
            history.Where(e => e.Type == HistoryEventType.TaskFailed),
            e => Assert.False(string.IsNullOrEmpty(e.Failure?.ErrorType)));
        var last = history[^1];
        Assert.True(
            last.Type is HistoryEventType.ExecutionCompleted
                or HistoryEventType.TimerCreated
                or HistoryEventType.TaskScheduled,
            $"the history ends with a decision, not {last.Type}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_golden_history_matches_its_scenario_file_and_the_engine_contract(string scenario)
    {
        var text = File.ReadAllText(Path.Combine(GoldenDirectory, scenario + ".history.json"));
        var history = JsonSerializer.Deserialize<List<StoredHistoryEvent>>(text, EngineJson)!;
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(GoldenDirectory, scenario + ".scenario.json")))!;

        // Nothing in the file is lost or unknown to StoredHistoryEvent: written back, it is the same JSON.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonSerializer.SerializeToNode(history, EngineJson)));
        Assert.Equal((string?)description["input"], history[1].Input);
        Assert.Equal(
            description["eventTypes"]!.AsArray().Select(n => (string)n!),
            history.Select(e => e.Type.ToString()));
        var running = (string?)description["runtimeStatus"] == "Running";
        var end = history.SingleOrDefault(e => e.Type == HistoryEventType.ExecutionCompleted);
        Assert.Equal(running, end is null);
        Assert.Equal((string?)description["output"], end?.Result);
        Assert.Equal(
            description["schedule"]!.AsArray()
                .Select(n => ((string)n!).Replace("activity:", "", StringComparison.Ordinal).Replace(
                "timer:+",
                "timer:",
                StringComparison.Ordinal)),
            ScheduleOf(history));
        var orderId = (string?)description["instanceId"];
        Assert.StartsWith("ord-", orderId, StringComparison.Ordinal);
        Assert.Equal(orderId, (string?)JsonNode.Parse(history[1].Input!)!["orderId"]);
    }

    public static TheoryData<string> Scenarios() => new(ScenarioNames());

    [Fact]
    public void Every_scenario_has_its_golden_files()
    {
        Assert.Equal(
            [
                "a-confirmed",
                "b-declined",
                "c-transient-then-confirmed",
                "d-approval-waiting",
                "e-approval-timed-out",
                "f-compensation-retried",
                "g-approved-then-confirmed",
                "h-v2-screened-confirmed",
                "i-v2-screen-refused"],
            ScenarioNames());
        Assert.All(
            ScenarioNames(),
            name => Assert.True(File.Exists(Path.Combine(GoldenDirectory, name + ".scenario.json"))));
    }

    private static List<string> ScenarioNames() =>
        Directory.GetFiles(GoldenDirectory, "*.history.json")
            .Select(f => Path.GetFileName(f)[..^".history.json".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<StoredHistoryEvent> ReadHistory(string scenario)
    {
        var history = JsonSerializer.Deserialize<List<StoredHistoryEvent>>(
            File.ReadAllText(Path.Combine(GoldenDirectory, scenario + ".history.json")),
            EngineJson);
        Assert.NotNull(history);
        Assert.NotEmpty(history);
        return history;
    }

    /// <summary>The activities (by name) and timers (<c>timer:</c> + delay) the history scheduled, in order.</summary>
    private static List<string> ScheduleOf(IEnumerable<StoredHistoryEvent> history) =>
        history
            .Where(e => e.Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated)
            .Select(e => e.Type == HistoryEventType.TaskScheduled
                ? e.Name!
                : $"timer:{e.FireAt!.Value - e.Timestamp:c}")
            .ToList();
}
