using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Serverless.LambdaRuntime;

namespace Serverless.Host.Tests.Lambda;

/// <summary>
/// The Runtime API emulator, driven as a runtime drives it: a plain HttpClient asks for the next invocation and
/// posts its answer, with the headers, status codes and bodies AWS documents.
/// </summary>
public sealed class LambdaRuntimeEmulatorTests : IDisposable
{
    private const string Next = "2018-06-01/runtime/invocation/next";

    private readonly HttpClient _runtime = new() { Timeout = Eventually.Deadline };

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public async Task A_queued_invocation_reaches_the_runtime_with_its_headers_and_the_response_completes_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-02T03:04:05Z", CultureInfo.InvariantCulture));
        await using var emulator = await LambdaRuntimeEmulator.StartAsync(
            new LambdaRuntimeEmulatorOptions { TimeProvider = time });
        var invocation = emulator.InvokeAsync("""{"order":42}""", TimeSpan.FromSeconds(30));
        Assert.False(emulator.FirstPoll.IsCompleted);

        using var next = await _runtime.GetAsync(Url(emulator, Next));

        Assert.True(emulator.FirstPoll.IsCompleted);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("application/json", next.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"order":42}""", await next.Content.ReadAsStringAsync());
        var requestId = Header(next, "Lambda-Runtime-Aws-Request-Id");
        Assert.True(Guid.TryParse(requestId, out _), requestId);
        var deadline = time.GetUtcNow().AddSeconds(30).ToUnixTimeMilliseconds();
        Assert.Equal(deadline.ToString(CultureInfo.InvariantCulture), Header(next, "Lambda-Runtime-Deadline-Ms"));
        Assert.Equal(
            new LambdaRuntimeEmulatorOptions().FunctionArn,
            Header(next, "Lambda-Runtime-Invoked-Function-Arn"));
        Assert.StartsWith("Root=1-", Header(next, "Lambda-Runtime-Trace-Id"), StringComparison.Ordinal);

        using var answer = await PostAsync(emulator, $"{requestId}/response", """{"accepted":true}""");

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("OK", JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        var result = await invocation.WithDeadline();
        Assert.Equal(new LambdaInvocationResult(requestId, false, """{"accepted":true}""", null), result);
        Assert.Equal(1, emulator.InvocationsHandedOut);
        Assert.Equal(1, emulator.InvocationsAnswered);
    }

    [Fact]
    public async Task An_error_posted_by_the_runtime_completes_the_invocation_as_an_error_of_its_type()
    {
        await using var emulator = await LambdaRuntimeEmulator.StartAsync();
        var invocation = emulator.InvokeAsync("{}", TimeSpan.FromSeconds(30));
        var requestId = await NextRequestIdAsync(emulator);
        const string Error = """{"errorMessage":"boom","errorType":"InvalidOperationException","stackTrace":[]}""";
        using var content = new StringContent(Error, Encoding.UTF8, "application/json");
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", "Unhandled");

        using var answer = await _runtime.PostAsync(Url(emulator, $"{Invocation(requestId)}/error"), content);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var result = await invocation.WithDeadline();
        Assert.True(result.IsError);
        Assert.Equal("InvalidOperationException", result.ErrorType);
        Assert.Equal(Error, result.Body);
    }

    [Fact]
    public async Task An_unknown_or_already_answered_request_id_is_400_InvalidRequestID()
    {
        await using var emulator = await LambdaRuntimeEmulator.StartAsync();
        var invocation = emulator.InvokeAsync("{}", TimeSpan.FromSeconds(30));
        var requestId = await NextRequestIdAsync(emulator);
        using var first = await PostAsync(emulator, $"{requestId}/response", "1");

        using var unknown = await PostAsync(emulator, $"{Guid.NewGuid()}/response", "2");
        using var again = await PostAsync(emulator, $"{requestId}/response", "3");
        using var errorAfter = await PostAsync(emulator, $"{requestId}/error", "{}");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        foreach (var refused in new[] { unknown, again, errorAfter })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Equal("InvalidRequestID", body["errorType"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(body["errorMessage"]!.GetValue<string>()));
        }

        Assert.Equal("1", (await invocation.WithDeadline()).Body);
    }

    [Fact]
    public async Task An_invocation_not_answered_by_its_deadline_ends_as_Sandbox_Timedout_and_its_late_answer_is_400()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await LambdaRuntimeEmulator.StartAsync(
            new LambdaRuntimeEmulatorOptions { TimeProvider = time });
        var invocation = emulator.InvokeAsync("{}", TimeSpan.FromSeconds(3));
        var requestId = await NextRequestIdAsync(emulator);

        time.Advance(TimeSpan.FromSeconds(3));

        var result = await invocation.WithDeadline();
        Assert.True(result.IsError);
        Assert.Equal("Sandbox.Timedout", result.ErrorType);
        Assert.Equal(requestId, result.RequestId);
        using var late = await PostAsync(emulator, $"{requestId}/response", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(0, emulator.InvocationsAnswered);
    }

    [Fact]
    public async Task An_invocation_that_timed_out_in_the_queue_is_never_handed_out()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await LambdaRuntimeEmulator.StartAsync(
            new LambdaRuntimeEmulatorOptions { TimeProvider = time });
        var expired = emulator.InvokeAsync("""{"n":1}""", TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Sandbox.Timedout", (await expired.WithDeadline()).ErrorType);
        var current = emulator.InvokeAsync("""{"n":2}""", TimeSpan.FromSeconds(30));

        using var next = await _runtime.GetAsync(Url(emulator, Next));

        Assert.Equal("""{"n":2}""", await next.Content.ReadAsStringAsync());
        Assert.Equal(1, emulator.InvocationsHandedOut);
        using var answer = await PostAsync(emulator, $"{Header(next, "Lambda-Runtime-Aws-Request-Id")}/response", "2");
        Assert.Equal("2", (await current.WithDeadline()).Body);
    }

    [Fact]
    public async Task Two_pollers_waiting_at_once_each_get_one_invocation()
    {
        await using var emulator = await LambdaRuntimeEmulator.StartAsync();
        var first = _runtime.GetAsync(Url(emulator, Next));
        var second = _runtime.GetAsync(Url(emulator, Next));
        await emulator.FirstPoll.WithDeadline();

        var invocations = new[]
        {
            emulator.InvokeAsync("""{"n":1}""", TimeSpan.FromSeconds(30)),
            emulator.InvokeAsync("""{"n":2}""", TimeSpan.FromSeconds(30)),
        };
        using var one = await first.WithDeadline();
        using var two = await second.WithDeadline();

        var bodies = new[] { await one.Content.ReadAsStringAsync(), await two.Content.ReadAsStringAsync() };
        Assert.Equal(["""{"n":1}""", """{"n":2}"""], bodies.Order(StringComparer.Ordinal));
        foreach (var next in new[] { one, two })
        {
            var requestId = Header(next, "Lambda-Runtime-Aws-Request-Id");
            var body = await next.Content.ReadAsStringAsync();
            using var answer = await PostAsync(emulator, $"{requestId}/response", body);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        var results = await Task.WhenAll(invocations).WithDeadline();
        Assert.Equal("""{"n":1}""", results[0].Body);
        Assert.Equal("""{"n":2}""", results[1].Body);
        Assert.Equal(2, emulator.InvocationsHandedOut);
        Assert.Equal(2, emulator.InvocationsAnswered);
    }

    [Fact]
    public async Task Failing_the_outstanding_invocations_ends_those_handed_out_and_leaves_the_queued_ones()
    {
        await using var emulator = await LambdaRuntimeEmulator.StartAsync();
        var handedOut = emulator.InvokeAsync("""{"n":1}""", TimeSpan.FromSeconds(30));
        await NextRequestIdAsync(emulator);
        var queued = emulator.InvokeAsync("""{"n":2}""", TimeSpan.FromSeconds(30));

        Assert.Equal(1, emulator.FailOutstanding("Runtime.ExitError"));

        var result = await handedOut.WithDeadline();
        Assert.True(result.IsError);
        Assert.Equal("Runtime.ExitError", result.ErrorType);
        Assert.False(queued.IsCompleted);
        using var next = await _runtime.GetAsync(Url(emulator, Next));
        Assert.Equal("""{"n":2}""", await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_response_over_6_MB_is_413_and_leaves_the_invocation_open_for_an_error()
    {
        await using var emulator = await LambdaRuntimeEmulator.StartAsync();
        var invocation = emulator.InvokeAsync("{}", TimeSpan.FromSeconds(30));
        var requestId = await NextRequestIdAsync(emulator);

        using var tooLarge = await PostAsync(
            emulator,
            $"{requestId}/response",
            new string('x', LambdaRuntimeEmulator.MaxPayloadBytes + 1));
        using var error = await PostAsync(emulator, $"{requestId}/error", """{"errorType":"TooLarge"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, error.StatusCode);
        Assert.Equal("TooLarge", (await invocation.WithDeadline()).ErrorType);
    }

    [Fact]
    public async Task An_init_error_is_accepted_and_recorded()
    {
        await using var emulator = await LambdaRuntimeEmulator.StartAsync();
        using var content = new StringContent("""{"errorMessage":"no config","errorType":"ConfigError"}""");
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", "Runtime.ConfigError");

        using var answer = await _runtime.PostAsync(Url(emulator, "2018-06-01/runtime/init/error"), content);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var error = await emulator.FirstInitError.WithDeadline();
        Assert.Equal("Runtime.ConfigError", error.ErrorType);
        Assert.Contains("no config", error.Body, StringComparison.Ordinal);
        Assert.Equal([error], emulator.InitErrors);
    }

    private static Uri Url(LambdaRuntimeEmulator emulator, string path) => new($"http://{emulator.RuntimeApi}/{path}");

    private static string Invocation(string requestId) => $"2018-06-01/runtime/invocation/{requestId}";

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.GetValues(name).Single();

    private async Task<string> NextRequestIdAsync(LambdaRuntimeEmulator emulator)
    {
        using var next = await _runtime.GetAsync(Url(emulator, Next));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        return Header(next, "Lambda-Runtime-Aws-Request-Id");
    }

    private async Task<HttpResponseMessage> PostAsync(
        LambdaRuntimeEmulator emulator,
        string invocationPath,
        string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _runtime.PostAsync(Url(emulator, Invocation(invocationPath)), content);
    }
}
