using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Lambda.Sqs;
using Serverless.Lambda.Timers;
using Serverless.LambdaRuntime;
using Serverless.Testing.Lambda;

namespace Serverless.Lambda.Tests;

/// <summary>
/// The Runtime API loop in process, against the emulator of the Runtime API: invocations answered through the
/// application, and what Lambda would refuse reported as the invocation's error while the loop goes on.
/// </summary>
public sealed class LambdaRuntimeLoopTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_http_event_is_answered_through_the_application()
    {
        await using var runtime = await LambdaRuntimeEmulator.StartAsync();
        await using var app = await StartAsync(runtime);

        var result = await runtime.InvokeAsync(HttpApiEvents.Request(HttpMethod.Get, "/api/echo"), Timeout);

        Assert.False(result.IsError, result.Body);
        Assert.Equal(200, JsonNode.Parse(result.Body)!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_response_over_lambdas_limit_is_reported_as_an_error_and_the_next_invocation_is_served()
    {
        await using var runtime = await LambdaRuntimeEmulator.StartAsync();
        await using var app = await StartAsync(runtime);

        var large = await runtime.InvokeAsync(HttpApiEvents.Request(HttpMethod.Get, "/api/large"), Timeout);
        var next = await runtime.InvokeAsync(HttpApiEvents.Request(HttpMethod.Get, "/api/echo"), Timeout);

        Assert.Equal((true, "Runtime.ResponseRefused"), (large.IsError, large.ErrorType));
        Assert.False(next.IsError, next.Body);
    }

    [Fact]
    public async Task A_request_that_fails_after_its_response_started_fails_its_invocation_only()
    {
        await using var runtime = await LambdaRuntimeEmulator.StartAsync();
        await using var app = await StartAsync(runtime);

        var failed = await runtime.InvokeAsync(HttpApiEvents.Request(HttpMethod.Get, "/api/fails-late"), Timeout);
        var next = await runtime.InvokeAsync(HttpApiEvents.Request(HttpMethod.Get, "/api/echo"), Timeout);

        Assert.Equal((true, nameof(InvalidOperationException)), (failed.IsError, failed.ErrorType));
        Assert.False(next.IsError, next.Body);
    }

    private static Task<HttpApiApp> StartAsync(LambdaRuntimeEmulator runtime) =>
        HttpApiApp.StartAsync(services => services
            .AddLogging()
            .AddSingleton<ISqsBatchHandler, NoHandlers>()
            .AddSingleton<ILambdaTimers, NoHandlers>()
            .AddLambdaRuntime(runtime.RuntimeApi));

    private sealed class NoHandlers : ISqsBatchHandler, ILambdaTimers
    {
        public IReadOnlyCollection<string> Names { get; } = [];

        public Task<IReadOnlyCollection<string>> HandleAsync(
            SqsBatch batch,
            DateTimeOffset deadline,
            CancellationToken cancellationToken) => Task.FromResult<IReadOnlyCollection<string>>([]);

        public Task RunAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
