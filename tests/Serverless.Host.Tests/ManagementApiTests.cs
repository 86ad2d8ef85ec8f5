using System.Diagnostics;
using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// The Durable Functions instance-management routes under <c>/runtime/webhooks/durabletask/instances</c>.
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class ManagementApiTests(SharedHostFixture fixture)
{
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task The_status_of_a_completed_order_saga_with_showHistory_is_200_with_its_output_and_history()
    {
        var orderId = await PlaceSettledOrderAsync("status");

        var instance = await _client.GetInstanceAsync(orderId, HttpStatusCode.OK, showHistory: true);

        Assert.Equal("PlaceOrder", instance.Name);
        Assert.Equal(orderId, instance.InstanceId);
        Assert.Equal("Completed", instance.RuntimeStatus);
        Assert.Equal("Confirmed", instance.Output!.Value.GetProperty("status").GetString());
        var history = instance.HistoryEvents!.Select(e => e.EventType).ToList();
        Assert.Equal("ExecutionStarted", history[0]);
        Assert.Equal("ExecutionCompleted", history[^1]);
        Assert.DoesNotContain("OrchestratorStarted", history);
        Assert.Contains(
            instance.HistoryEvents!,
            e => e.EventType == "TaskScheduled" && e.FunctionName == "ChargePayment");
    }

    [Fact]
    public async Task The_status_and_the_listing_carry_the_trace_of_the_request_that_placed_the_order()
    {
        var sku = TestIds.Sku("trace");
        await _client.SetStockAsync(sku, 5, 10.00m);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        using var response = await _client.SendAsync(
            HttpMethod.Post,
            "api/orders",
            OrderRequests.Body(TestIds.Customer("trace"), sku, 1, Tokens.Visa),
            traceParent: $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var accepted = await _client.ExpectAsync<OrderAcceptedDto>(response, HttpStatusCode.Accepted);
        var instance = await _client.WaitForInstanceAsync(accepted.OrderId, "Completed");

        Assert.Equal(traceId, instance.TraceId);
        Assert.StartsWith($"00-{traceId}-", instance.TraceParent, StringComparison.Ordinal);
        var listed = Assert.Single(
            await _client.ListInstancesAsync("Completed"), i => i.InstanceId == accepted.OrderId);
        Assert.Equal(traceId, listed.TraceId);
        Assert.Equal(instance.TraceParent, listed.TraceParent);
    }

    [Fact]
    public async Task The_status_without_showHistory_has_no_history()
    {
        var orderId = await PlaceSettledOrderAsync("nohistory");

        var instance = await _client.GetInstanceAsync(orderId, HttpStatusCode.OK);

        Assert.Equal("Completed", instance.RuntimeStatus);
        Assert.Null(instance.HistoryEvents);
    }

    [Fact]
    public async Task Inputs_and_history_outputs_are_shown_as_Durable_Functions_shows_them()
    {
        var orderId = await PlaceSettledOrderAsync("show");
        var path = $"{HostClient.ManagementPrefix}/{orderId}?showHistory=true";

        var byDefault = await GetJsonAsync(path);
        var withOutputs = await GetJsonAsync(path + "&showHistoryOutput=true");
        var withoutInput = await GetJsonAsync(path + "&showInput=false");

        static bool AnyResult(System.Text.Json.JsonElement instance) =>
            instance.GetProperty("historyEvents").EnumerateArray().Any(e => e.TryGetProperty("Result", out _));
        Assert.True(byDefault.TryGetProperty("input", out _), byDefault.ToString());
        Assert.False(AnyResult(byDefault), "showHistoryOutput is false by default: the history has no results.");
        Assert.True(AnyResult(withOutputs), withOutputs.ToString());
        Assert.False(withoutInput.TryGetProperty("input", out _), withoutInput.ToString());
    }

    [Fact]
    public async Task The_status_of_a_running_saga_is_202()
    {
        var orderId = await PlaceOrderAwaitingApprovalAsync("running");

        Assert.Equal("Running", (await _client.GetInstanceAsync(orderId, HttpStatusCode.Accepted)).RuntimeStatus);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/raiseEvent/approve")]
    [InlineData("POST", "/terminate")]
    [InlineData("DELETE", "")]
    public async Task An_unknown_instance_is_a_404_problem(string method, string suffix)
    {
        var instanceId = $"ord-{Guid.NewGuid():N}";

        using var response = await _client.SendAsync(
            new HttpMethod(method),
            $"{HostClient.ManagementPrefix}/{instanceId}{suffix}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, _client.Host);
        Assert.Contains(instanceId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_by_runtimeStatus_returns_the_instances_in_those_statuses_only()
    {
        var completed = await PlaceSettledOrderAsync("listed");
        var running = await PlaceOrderAwaitingApprovalAsync("listed");

        var completedInstances = await _client.ListInstancesAsync("Completed");
        var runningInstances = await _client.ListInstancesAsync("Running");
        var both = await _client.ListInstancesAsync("Running,Completed");

        Assert.All(completedInstances, i => Assert.Equal("Completed", i.RuntimeStatus));
        Assert.All(runningInstances, i => Assert.Equal("Running", i.RuntimeStatus));
        Assert.Contains(completedInstances, i => i.InstanceId == completed);
        Assert.DoesNotContain(completedInstances, i => i.InstanceId == running);
        Assert.Contains(runningInstances, i => i.InstanceId == running);
        Assert.DoesNotContain(runningInstances, i => i.InstanceId == completed);
        Assert.Contains(both, i => i.InstanceId == completed);
        Assert.Contains(both, i => i.InstanceId == running);
    }

    [Fact]
    public async Task Listing_two_statuses_two_at_a_time_fills_every_page_but_the_last_whatever_lies_between()
    {
        for (var i = 0; i < 3; i++)
        {
            await PlaceSettledOrderAsync($"fill-{i}");
        }

        var running = await PlaceOrderAwaitingApprovalAsync("fill");

        var pages = new List<List<InstanceStatusDto>>();
        string? token = null;
        do
        {
            var continuation = token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token);
            using var response = await _client.SendAsync(
                HttpMethod.Get,
                $"{HostClient.ManagementPrefix}?runtimeStatus=Running,Pending&top=2{continuation}");
            pages.Add(await _client.ExpectAsync<List<InstanceStatusDto>>(response, HttpStatusCode.OK));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values)
                ? values.FirstOrDefault()
                : null;
            Assert.True(pages.Count <= 1000, "Paging does not end.");
        }
        while (token is not null);

        Assert.All(pages.SkipLast(1), page => Assert.Equal(2, page.Count));
        Assert.All(pages.SelectMany(p => p), i => Assert.Contains(i.RuntimeStatus, new[] { "Running", "Pending" }));
        Assert.Contains(pages.SelectMany(p => p), i => i.InstanceId == running);
    }

    [Fact]
    public async Task Raising_the_approve_event_on_a_saga_awaiting_approval_is_202_and_confirms_the_order()
    {
        var orderId = await PlaceOrderAwaitingApprovalAsync("raise");

        using var response = await _client.SendAsync(
            HttpMethod.Post,
            $"{HostClient.ManagementPrefix}/{orderId}/raiseEvent/approve",
            "{}");

        await _client.ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(OrderStatuses.Confirmed, (await _client.WaitUntilSettledAsync(orderId)).Status);
    }

    [Fact]
    public async Task Raising_an_event_on_a_completed_saga_is_410()
    {
        var orderId = await PlaceSettledOrderAsync("raise-done");

        using var gone = await _client.SendAsync(
            HttpMethod.Post,
            $"{HostClient.ManagementPrefix}/{orderId}/raiseEvent/approve",
            "{}");

        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.Gone, _client.Host);
    }

    [Fact]
    public async Task Terminating_a_running_saga_is_202_then_its_status_is_Terminated_and_terminating_again_is_410()
    {
        var orderId = await PlaceOrderAwaitingApprovalAsync("terminate");

        using (var response = await _client.SendAsync(
            HttpMethod.Post,
            $"{HostClient.ManagementPrefix}/{orderId}/terminate?reason=test"))
        {
            await _client.ExpectAsync(response, HttpStatusCode.Accepted);
        }

        // Durable Functions answers 400 for the status of a terminated instance.
        await _client.WaitForInstanceAsync(orderId, "Terminated");
        Assert.Equal("Terminated", (await _client.GetInstanceAsync(orderId, HttpStatusCode.BadRequest)).RuntimeStatus);
        using var again = await _client.SendAsync(
            HttpMethod.Post,
            $"{HostClient.ManagementPrefix}/{orderId}/terminate?reason=again");
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Gone, _client.Host);
    }

    [Fact]
    public async Task Purging_a_completed_saga_is_200_with_one_instance_deleted_and_then_it_is_gone()
    {
        var orderId = await PlaceSettledOrderAsync("purge");

        using (var response = await _client.SendAsync(HttpMethod.Delete, $"{HostClient.ManagementPrefix}/{orderId}"))
        {
            var body = await _client.ExpectAsync(response, HttpStatusCode.OK);
            Assert.Equal(
                1,
                System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("instancesDeleted").GetInt32());
        }

        using var status = await _client.SendAsync(HttpMethod.Get, $"{HostClient.ManagementPrefix}/{orderId}");
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        using var again = await _client.SendAsync(HttpMethod.Delete, $"{HostClient.ManagementPrefix}/{orderId}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // The order's read model is not the saga's: it stays.
        Assert.Equal(OrderStatuses.Confirmed, (await _client.GetOrderAsync(orderId)).Status);
    }

    [Fact]
    public async Task Purging_a_running_saga_is_409_and_leaves_it_running()
    {
        var orderId = await PlaceOrderAwaitingApprovalAsync("purge-running");

        using var response = await _client.SendAsync(HttpMethod.Delete, $"{HostClient.ManagementPrefix}/{orderId}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, _client.Host);
        Assert.Equal("Running", (await _client.GetInstanceAsync(orderId, HttpStatusCode.Accepted)).RuntimeStatus);
    }

    private async Task<System.Text.Json.JsonElement> GetJsonAsync(string path)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<string> PlaceSettledOrderAsync(string purpose)
    {
        var sku = TestIds.Sku(purpose);
        await _client.SetStockAsync(sku, 5, 10.00m);
        var accepted = await _client.PlaceOrderAsync(TestIds.Customer(purpose), sku, 1, Tokens.Visa);
        Assert.Equal(OrderStatuses.Confirmed, (await _client.WaitUntilSettledAsync(accepted.OrderId)).Status);
        await _client.WaitForInstanceAsync(accepted.OrderId, "Completed");
        return accepted.OrderId;
    }

    private async Task<string> PlaceOrderAwaitingApprovalAsync(string purpose)
    {
        var sku = TestIds.Sku(purpose);
        await _client.SetStockAsync(sku, 5, 800.00m);
        var accepted = await _client.PlaceOrderAsync(TestIds.Customer(purpose), sku, 2, Tokens.Visa);
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(accepted.OrderId)).Status);
        return accepted.OrderId;
    }
}
