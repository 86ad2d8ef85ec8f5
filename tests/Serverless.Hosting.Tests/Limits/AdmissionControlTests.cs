using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Hosting.Http.Admission;
using Serverless.Http;

namespace Serverless.Hosting.Tests.Limits;

public sealed class AdmissionControlTests
{
    private readonly SettableBacklog _backlog = new();
    private int _placed;

    [Fact]
    public async Task A_host_that_is_behind_refuses_new_work_with_503_and_Retry_After_before_the_handler_runs()
    {
        await using var app = await StartAsync();
        _backlog.WorkDelay = TimeSpan.FromSeconds(2.2);

        using var response = await app.Client.PostAsync("/api/orders", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>();
        Assert.Equal(503, problem!.Status);
        Assert.Contains("2.2 s", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _placed);
    }

    [Fact]
    public async Task Endpoints_without_admission_control_are_served_while_the_host_is_behind()
    {
        await using var app = await StartAsync();
        _backlog.WorkDelay = TimeSpan.FromMinutes(1);

        using var read = await app.Client.GetAsync("/api/orders");
        using var approve = await app.Client.PostAsync("/api/orders/o-1/approve", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
    }

    [Fact]
    public async Task New_work_is_accepted_while_orchestrations_begin_within_the_bound()
    {
        await using var app = await StartAsync("--Serverless:Admission:MaxWorkDelay=00:00:01");
        _backlog.WorkDelay = TimeSpan.FromMilliseconds(900);

        using var response = await app.Client.PostAsync("/api/orders", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _placed);
    }

    [Fact]
    public async Task New_work_is_accepted_again_once_the_backlog_is_gone()
    {
        await using var app = await StartAsync();
        _backlog.WorkDelay = TimeSpan.FromSeconds(5);
        using var refused = await app.Client.PostAsync("/api/orders", null);

        _backlog.WorkDelay = TimeSpan.Zero;
        using var accepted = await app.Client.PostAsync("/api/orders", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Turned_off_admission_control_accepts_new_work_however_far_behind()
    {
        await using var app = await StartAsync("--Serverless:Admission:Enabled=false");
        _backlog.WorkDelay = TimeSpan.FromMinutes(1);

        using var response = await app.Client.PostAsync("/api/orders", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_bound_of_zero_is_refused_at_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => StartAsync("--Serverless:Admission:MaxWorkDelay=00:00:00"));

        Assert.Contains("Serverless:Admission:MaxWorkDelay", error.Message, StringComparison.Ordinal);
    }

    private Task<TestApp> StartAsync(params string[] args) =>
        TestApp.StartAsync(
            app =>
            {
                var api = app.MapFunctionsApi();
                api.MapPost("/orders", () =>
                {
                    Interlocked.Increment(ref _placed);
                    return "placed";
                }).AsFunction("CreateOrder").WithAdmissionControl();
                api.MapGet("/orders", () => "orders").AsFunction("ListOrders");
                api.MapPost("/orders/{orderId}/approve", (string orderId) => orderId).AsFunction("ApproveOrder");
            },
            args,
            builder => builder.Services.AddSingleton<IWorkBacklog>(_backlog));

    private sealed record ProblemDocument(int Status, string Title, string Detail);
}
