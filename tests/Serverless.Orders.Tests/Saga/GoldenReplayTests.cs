using System.Text.Json.Nodes;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Durable.Replay;
using Serverless.Orders.Ordering;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Saga;

/// <summary>
/// Upgrades keep in-flight orders: every golden history of <c>PlaceOrder</c> (Saga/Golden: those recorded from the
/// previous release, unversioned, and those of version 2.0) replays with today's Durable-Task-SDK saga on the engine's
/// replay executor, episode by episode, making the same decisions; an edited history does not replay. The golden
/// policies have jitter 0, so no delay depends on the jitter source; only the order of activities and timers is
/// compared, never <c>fireAt</c>.
/// </summary>
public sealed class GoldenReplayTests
{
    private readonly SagaReplayer _replayer = new();

    public static TheoryData<string> Scenarios() => new(
        "a-confirmed",
        "b-declined",
        "c-transient-then-confirmed",
        "d-approval-waiting",
        "e-approval-timed-out",
        "f-compensation-retried",
        "g-approved-then-confirmed",
        "h-v2-screened-confirmed",
        "i-v2-screen-refused");

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Todays_saga_replays_a_golden_history_making_the_same_decisions_in_every_episode(string scenario)
    {
        var past = new List<StoredHistoryEvent>();
        foreach (var episode in SagaReplayer.Episodes(SagaReplayer.Read(scenario)))
        {
            var arrived = episode.Where(e => !HistoryVerifier.IsDecision(e)).ToList();
            var expected = episode.Where(HistoryVerifier.IsDecision).ToList();
            Assert.Equal(episode, arrived.Concat(expected));

            var decision = _replayer.Decide(past, arrived);

            Assert.True(decision.Failure is null, $"{scenario}, episode at task {Position(past)}: {decision.Failure}");
            Assert.Equal(arrived, decision.Appended.Take(arrived.Count));
            var made = decision.Appended.Skip(arrived.Count).ToList();
            Assert.Equal(expected.Select(Describe), made.Select(Describe));
            foreach (var (
                recorded,
                decided) in expected.Zip(made).Where(p => p.First.Type == HistoryEventType.TaskScheduled))
            {
                Assert.True(
                    JsonNode.DeepEquals(JsonNode.Parse(recorded.Input!), JsonNode.Parse(decided.Input!)),
                    $"{recorded.Name} (task {recorded.TaskId}) input: {recorded.Input} now {decided.Input}");
            }

            if (expected.SingleOrDefault(e => e.Type == HistoryEventType.ExecutionCompleted) is { } completed)
            {
                var golden = _replayer.ReadResult(completed.Result);
                var today = _replayer.ReadResult(decision.Output);
                Assert.Equal(
                    (golden.OrderId, golden.Status, golden.Reason),
                    (today.OrderId, today.Status, today.Reason));
                Assert.Equal(StoredStatus.Completed, decision.Status);
            }
            else
            {
                Assert.Equal(StoredStatus.Running, decision.Status);
            }

            past.AddRange(episode);
        }
    }

    [Fact]
    public void An_order_awaiting_approval_during_the_upgrade_schedules_nothing_new_on_replay()
    {
        var history = SagaReplayer.Read("d-approval-waiting");

        var decision = _replayer.Decide(history, []);

        Assert.Null(decision.Failure);
        Assert.Equal(StoredStatus.Running, decision.Status);
        Assert.Empty(decision.Appended);
        Assert.Empty(decision.Scheduled);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    public void An_order_awaiting_approval_during_the_upgrade_goes_Pending_then_charges_when_approved(string? payload)
    {
        var history = SagaReplayer.Read("d-approval-waiting");
        var at = history[^1].Timestamp.AddHours(1);

        var approved = _replayer.Step(
            history,
            at,
            new StoredHistoryEvent(HistoryEventType.EventRaised, at)
            {
                Name = PlaceOrderOrchestrator.ApproveEvent,
                Input = payload,
            });

        var pending = Assert.Single(SagaReplayer.Made(approved));
        Assert.Equal(
            (HistoryEventType.TaskScheduled, SagaActivities.SetOrderStatus, 4),
            (pending.Type, pending.Name, pending.TaskId));
        var status = JsonNode.Parse(pending.Input!)!;
        Assert.Equal((nameof(OrderStatus.Pending), 2), ((string?)status["status"], (int?)status["sequence"]));

        var charging = _replayer.Step(history, at, Completed(pending, at));

        var charge = Assert.Single(SagaReplayer.Made(charging));
        Assert.Equal(
            (HistoryEventType.TaskScheduled, SagaActivities.ChargePayment, 5),
            (charge.Type, charge.Name, charge.TaskId));
        Assert.Equal(1200m, (decimal?)JsonNode.Parse(charge.Input!)!["amount"]);
        Assert.Equal(StoredStatus.Running, charging.Status);
    }

    [Fact]
    public void An_order_awaiting_approval_during_the_upgrade_releases_its_stock_and_is_cancelled_when_rejected()
    {
        var history = SagaReplayer.Read("d-approval-waiting");
        var at = history[^1].Timestamp.AddHours(1);

        var rejected = _replayer.Step(
            history,
            at,
            new StoredHistoryEvent(HistoryEventType.EventRaised, at)
            {
                Name = PlaceOrderOrchestrator.RejectEvent,
                Input = """{"reason":"too much"}""",
            });
        var release = Assert.Single(SagaReplayer.Made(rejected));
        var cancelling = _replayer.Step(history, at, Completed(release, at));
        var cancel = Assert.Single(SagaReplayer.Made(cancelling));
        var done = _replayer.Step(history, at, Completed(cancel, at));

        Assert.Equal((SagaActivities.ReleaseStock, SagaActivities.SetOrderStatus), (release.Name, cancel.Name));
        Assert.Equal(nameof(OrderStatus.Cancelled), (string?)JsonNode.Parse(cancel.Input!)!["status"]);
        Assert.Equal(StoredStatus.Completed, done.Status);
        var result = _replayer.ReadResult(done.Output);
        Assert.Equal((OrderStatus.Cancelled, "Rejected by the approver: too much"), (result.Status, result.Reason));
    }

    [Theory]
    [InlineData("a-confirmed", "rename ChargePayment")]
    [InlineData("a-confirmed", "remove CommitStock")]
    [InlineData("b-declined", "rename RefundPayment")]
    [InlineData("c-transient-then-confirmed", "remove the first retry timer")]
    [InlineData("g-approved-then-confirmed", "remove SetOrderStatus")]
    public void An_edited_golden_history_fails_as_non_deterministic(string scenario, string edit)
    {
        var history = GoldenEdits.Apply(SagaReplayer.Read(scenario), edit);
        var episodes = SagaReplayer.Episodes(history);

        var decision = _replayer.Decide(
            episodes.Take(episodes.Count - 1).SelectMany(e => e).ToList(),
            episodes[^1].Where(e => !HistoryVerifier.IsDecision(e)).ToList());

        Assert.Equal(StoredStatus.Failed, decision.Status);
        Assert.Equal(SagaReplayer.NonDeterminism, decision.Failure?.ErrorType);
    }

    [Fact]
    public void An_order_awaiting_approval_whose_history_was_edited_fails_as_non_deterministic_when_approved()
    {
        var history = GoldenEdits.Apply(SagaReplayer.Read("d-approval-waiting"), "rename ReserveStock");
        var at = history[^1].Timestamp.AddHours(1);

        var decision = _replayer.Step(
            history,
            at,
            new StoredHistoryEvent(HistoryEventType.EventRaised, at) { Name = PlaceOrderOrchestrator.ApproveEvent });

        Assert.Equal(StoredStatus.Failed, decision.Status);
        Assert.Equal(SagaReplayer.NonDeterminism, decision.Failure?.ErrorType);
    }

    private static StoredHistoryEvent Completed(StoredHistoryEvent scheduled, DateTimeOffset at) =>
        new(HistoryEventType.TaskCompleted, at) { TaskId = scheduled.TaskId, Name = scheduled.Name, Result = "{}" };

    private static string Describe(StoredHistoryEvent e) => $"{e.Type} {e.TaskId} {e.Name} {e.Status}".TrimEnd();

    private static int Position(List<StoredHistoryEvent> past) =>
        past.Where(e => e.TaskId is not null).Select(e => e.TaskId!.Value).DefaultIfEmpty(-1).Max();
}
