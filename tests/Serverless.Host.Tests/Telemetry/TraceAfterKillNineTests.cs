using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Serverless.Testing.Telemetry;

namespace Serverless.Host.Tests.Telemetry;

/// <summary>
/// A saga whose host is killed (SIGKILL) while its charge runs, restarted on the same data: what the new process does
/// for the order (the redelivered charge, the episodes after it, <c>FulfilOrder</c>) joins the order's trace, under the
/// spans the killed process had exported.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class TraceAfterKillNineTests
{
    [Fact]
    public async Task The_steps_recovered_after_a_kill_9_mid_saga_join_the_same_trace()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = await HostProcess.StartAsync(
            new HostLaunch(Environment: receiver.HostEnvironment("trace-kill9")),
            "trace-kill9",
            TracedHostFixture.Arguments);
        using var client = new HostClient(host);
        var sku = TestIds.Sku("trace-kill9");
        await client.SetStockAsync(sku, 5, 600.00m);

        // Above the approval limit, paid with the slow card: once approved, the charge takes 15 s.
        var (orderId, traceId, caller) = await TracedHostFixture.PlaceTracedAsync(
            client, OrderRequests.Body(TestIds.Customer("trace-kill9"), sku, 2, Tokens.Slow));
        Assert.Equal(OrderStatuses.AwaitingApproval, (await client.WaitUntilNotPendingAsync(orderId)).Status);
        using (var response = await client.DecideAsync(orderId, approve: true))
        {
            await client.ExpectAsync(response, HttpStatusCode.Accepted);
        }

        // After the approval the saga records it (SetOrderStatus) and the next episode schedules the charge: kill once
        // that episode's span is exported (a span still in a killed process's buffer is lost with it).
        await SagaTraceTests.WaitForTraceAsync(receiver, traceId, t => ChargeScheduled(t) is not null);
        var beforeKill = receiver.Spans.Where(s => s.TraceId == traceId).Select(s => s.SpanId).ToHashSet();
        await host.KillAsync();
        await host.RestartAsync();

        Assert.Equal(OrderStatuses.Confirmed, (await client.WaitUntilSettledAsync(orderId)).Status);
        var tree = await SagaTraceTests.WaitForTraceAsync(
            receiver, traceId, t => t.Named("process order-events").Count == 1 && SagaTraceTests.Finished(t));

        tree.AssertConnected(caller);
        var recovered = tree.Spans.Where(s => !beforeKill.Contains(s.SpanId)).ToList();
        var charge = Assert.Single(recovered, s => s.Name == "activity:ChargePayment");
        Assert.Equal("completed", charge["serverless.durable.outcome"]);
        Assert.Contains(recovered, s => s.Name == "orchestration:PlaceOrder" && beforeKill.Contains(s.ParentSpanId!));
        Assert.Contains(recovered, s => s.Name == "process order-events");
        Assert.Equal(ChargeScheduled(tree)!.SpanId, charge.ParentSpanId);
        Assert.Contains(charge.ParentSpanId!, beforeKill);
        Assert.Equal("2", charge["serverless.durable.delivery"]);
    }

    /// <summary>The episode after the one that recorded the approval (the second SetOrderStatus), if exported.
    /// </summary>
    private static TraceSpan? ChargeScheduled(TraceTree trace)
    {
        var recorded = trace.Named("activity:SetOrderStatus").OrderBy(EpisodeOfParent(trace)).Skip(1).FirstOrDefault();
        if (recorded is null || trace.Spans.All(s => s.SpanId != recorded.ParentSpanId))
        {
            return null;
        }

        var next = EpisodeOfParent(trace)(recorded) + 1;
        return trace.Named("orchestration:PlaceOrder").FirstOrDefault(e => Number(e) == next);
    }

    private static Func<TraceSpan, int> EpisodeOfParent(TraceTree trace) =>
        run => trace.Spans.FirstOrDefault(s => s.SpanId == run.ParentSpanId) is { } parent ? Number(parent) : 0;

    private static int Number(TraceSpan episode) =>
        int.Parse(episode["serverless.durable.episode"]!, System.Globalization.CultureInfo.InvariantCulture);
}
