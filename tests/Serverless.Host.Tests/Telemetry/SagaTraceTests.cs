using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Serverless.Testing.Telemetry;

namespace Serverless.Host.Tests.Telemetry;

/// <summary>
/// One trace per order, read from what the real host exported over OTLP: from the <c>POST /api/orders</c> server span
/// through the start, every episode and activity run (retries, failures, compensations), to the
/// <c>OrderConfirmed</c> event and <c>FulfilOrder</c>, each span a child of the one that caused it across the queues.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class SagaTraceTests(TracedHostFixture fixture) : IClassFixture<TracedHostFixture>
{
    private const string Episode = "orchestration:PlaceOrder";
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task A_confirmed_order_is_one_trace_from_the_POST_to_FulfilOrder_with_each_step_once()
    {
        var (orderId, traceId, caller) = await PlaceAsync("trace-ok", 12.50m, 2, Tokens.Visa);
        var tree = await WaitForConfirmedTraceAsync(orderId, traceId);

        tree.AssertConnected(caller);
        var post = Assert.Single(tree.Spans, s => s.ParentSpanId == caller);
        Assert.Equal(TraceSpanKind.Server, post.Kind);
        Assert.Equal("POST", post["http.request.method"]);
        Assert.Equal("202", post["http.response.status_code"]);
        var create = tree.One("create_orchestration:PlaceOrder");
        Assert.Equal((post.SpanId, TraceSpanKind.Producer), (create.ParentSpanId, create.Kind));
        Assert.Equal(orderId, create["durabletask.task.instance_id"]);
        Assert.All(tree.Named(Episode), e => Assert.Equal(create.SpanId, e.ParentSpanId));
        foreach (var step in new[] { "ReserveStock", "ChargePayment", "CommitStock", "PublishOrderConfirmed" })
        {
            var run = tree.One($"activity:{step}");
            Assert.Equal((TraceSpanKind.Server, "completed", "1"), (run.Kind, run["serverless.durable.outcome"],
                run["serverless.durable.attempt"]));
            Assert.Equal(Episode, tree.Parent(run).Name);
        }

        var send = tree.One("send order-events");
        Assert.Equal("activity:PublishOrderConfirmed", tree.Parent(send).Name);
        var process = tree.One("process order-events");
        Assert.Equal((send.SpanId, TraceSpanKind.Consumer), (process.ParentSpanId, process.Kind));
        Assert.Equal(orderId, process["serverless.order.id"]);
        await AssertNoDuplicatesAsync(tree, orderId);
    }

    [Fact]
    public async Task A_declined_card_marks_the_charge_span_failed_and_the_compensations_join_the_trace()
    {
        var (orderId, traceId, caller) = await PlaceAsync("trace-declined", 7.25m, 3, Tokens.Decline);
        Assert.Equal(OrderStatuses.Cancelled, (await _client.WaitUntilSettledAsync(orderId)).Status);
        var tree = await WaitForTraceAsync(traceId, Finished);

        tree.AssertConnected(caller);
        var charge = Assert.Single(tree.Named("activity:ChargePayment"));
        Assert.Equal((TraceSpanStatus.Error, "failed"), (charge.Status, charge["serverless.durable.outcome"]));
        var exception = Assert.Single(charge.Events, e => e.Name == "exception");
        Assert.False(string.IsNullOrEmpty(exception.Attributes["exception.type"]), charge.ToString());
        Assert.Equal(Episode, tree.Parent(tree.One("activity:ReleaseStock")).Name);
        Assert.Empty(tree.Named("send order-events"));
        Assert.All(tree.Spans.Where(s => s.Name != "activity:ChargePayment"), s => Assert.NotEqual(
            TraceSpanStatus.Error,
            s.Status));
        await AssertNoDuplicatesAsync(tree, orderId);
    }

    [Fact]
    public async Task A_transient_card_shows_each_attempt_of_the_charge_with_its_number_in_the_trace()
    {
        var (orderId, traceId, caller) = await PlaceAsync("trace-transient", 9.99m, 1, Tokens.Transient);
        var tree = await WaitForConfirmedTraceAsync(orderId, traceId);

        tree.AssertConnected(caller);
        var attempts = tree.Named("activity:ChargePayment").OrderBy(s => s["serverless.durable.attempt"]).ToList();
        Assert.Equal(["1", "2", "3"], attempts.Select(s => s["serverless.durable.attempt"]));
        Assert.Equal(
            [TraceSpanStatus.Error, TraceSpanStatus.Error, TraceSpanStatus.Unset],
            attempts.Select(s => s.Status));
        await AssertNoDuplicatesAsync(tree, orderId);
    }

    [Fact]
    public async Task An_approved_order_continues_its_own_trace_linked_to_the_approval_request()
    {
        var (orderId, traceId, caller) = await PlaceAsync("trace-approval", 600.00m, 2, Tokens.Visa);
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(orderId)).Status);

        using (var response = await _client.DecideAsync(orderId, approve: true))
        {
            await _client.ExpectAsync(response, System.Net.HttpStatusCode.Accepted);
        }

        var tree = await WaitForConfirmedTraceAsync(orderId, traceId);

        tree.AssertConnected(caller);
        var raise = Assert.Single(
            fixture.Receiver.Spans,
            s => s.Name.StartsWith("orchestration_event:", StringComparison.Ordinal) &&
                s["durabletask.event.target_instance_id"] == orderId);
        Assert.NotEqual(traceId, raise.TraceId);
        var applied = Assert.Single(tree.Named(Episode), e => e.Links.Contains(new TraceSpanLink(
            raise.TraceId,
            raise.SpanId)));
        var charging = tree.Parent(tree.One("activity:ChargePayment"));
        Assert.Equal(Episode, charging.Name);
        Assert.True(
            int.Parse(charging["serverless.durable.episode"]!, System.Globalization.CultureInfo.InvariantCulture) >=
                int.Parse(applied["serverless.durable.episode"]!, System.Globalization.CultureInfo.InvariantCulture),
            tree.ToString());
        await AssertNoDuplicatesAsync(tree, orderId);
    }

    /// <summary>Stocks a SKU of <paramref name="scenario"/>'s own and places a traced order of it.</summary>
    private async Task<(string OrderId, string TraceId, string CallerSpanId)> PlaceAsync(
        string scenario, decimal unitPrice, int quantity, string token)
    {
        var sku = TestIds.Sku(scenario);
        await _client.SetStockAsync(sku, 10, unitPrice);
        return await TracedHostFixture.PlaceTracedAsync(
            _client, OrderRequests.Body(TestIds.Customer(scenario), sku, quantity, token));
    }

    /// <summary>
    /// Waits until the order is confirmed and its trace holds <c>FulfilOrder</c> and the last episode.
    /// </summary>
    private async Task<TraceTree> WaitForConfirmedTraceAsync(string orderId, string traceId)
    {
        Assert.Equal(OrderStatuses.Confirmed, (await _client.WaitUntilSettledAsync(orderId)).Status);
        return await WaitForTraceAsync(traceId, t => t.Named("process order-events").Count == 1 && Finished(t));
    }

    /// <summary>Whether the trace holds the episode that finished the instance.</summary>
    internal static bool Finished(TraceTree tree) =>
        tree.Named(Episode).Any(e => e["durabletask.task.status"] is "Completed" or "Failed");

    internal Task<TraceTree> WaitForTraceAsync(string traceId, Func<TraceTree, bool> done) =>
        WaitForTraceAsync(fixture.Receiver, traceId, done);

    internal static async Task<TraceTree> WaitForTraceAsync(
        OtlpReceiver receiver, string traceId, Func<TraceTree, bool> done)
    {
        await receiver.WaitForAsync(spans => done(new TraceTree(spans, traceId)), $"the trace {traceId} completes");
        return new TraceTree(receiver.Spans, traceId);
    }

    /// <summary>
    /// Each episode's span once (their sequence numbers 1..n with no gap or repeat: a replay emits none), and one
    /// activity span per outcome in the instance's history.
    /// </summary>
    private async Task AssertNoDuplicatesAsync(TraceTree tree, string orderId)
    {
        var episodes = tree.Named(Episode).Select(e => int.Parse(e["serverless.durable.episode"]!,
            System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, episodes.Count), episodes);
        var history = (await _client.GetInstanceAsync(orderId, System.Net.HttpStatusCode.OK, showHistory: true))
            .HistoryEvents!;
        var outcomes = history.Count(e => e.EventType is "TaskCompleted" or "TaskFailed");
        Assert.Equal(outcomes, tree.Spans.Count(s => s.Name.StartsWith("activity:", StringComparison.Ordinal)));
    }
}
