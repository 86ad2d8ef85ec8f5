using System.Text;
using System.Text.Json;
using Serverless.Lambda.Http;

namespace Serverless.Lambda.Tests;

public sealed class LambdaHttpServerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_request_line_headers_cookies_and_caller_reach_the_endpoint()
    {
        await using var app = await HttpApiApp.StartAsync();

        var response = await app.Server.ProcessAsync(
            Request(
                "GET",
                "/api/echo",
                "x=a%20b&y=2",
                headers: new() { ["x-custom"] = "v1,v2" },
                cookies: ["session=s1"]),
            None);

        Assert.Equal(200, response.StatusCode);
        Assert.False(response.IsBase64Encoded);
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        var echo = JsonSerializer.Deserialize<Dictionary<string, string?>>(response.Body)!;
        Assert.Equal("GET", echo["method"]);
        Assert.Equal("", echo["pathBase"]);
        Assert.Equal("/api/echo", echo["path"]);
        Assert.Equal("a b", echo["query"]);
        Assert.Equal("v1,v2", echo["header"]);
        Assert.Equal("s1", echo["cookie"]);
        Assert.Equal("198.51.100.7", echo["remote"]);
        Assert.Equal("https", echo["scheme"]);
        Assert.Equal("req-1", echo["traceIdentifier"]);
    }

    [Fact]
    public async Task A_named_stage_becomes_the_path_base()
    {
        await using var app = await HttpApiApp.StartAsync();

        var response = await app.Server.ProcessAsync(Request("GET", "/prod/api/echo", stage: "prod"), None);

        var echo = JsonSerializer.Deserialize<Dictionary<string, string?>>(response.Body)!;
        Assert.Equal("/prod", echo["pathBase"]);
        Assert.Equal("/api/echo", echo["path"]);
    }

    [Fact]
    public async Task A_base64_body_arrives_as_bytes_and_a_binary_answer_leaves_as_base64_with_its_cookies()
    {
        await using var app = await HttpApiApp.StartAsync();
        byte[] sent = [0, 1, 2, 255];

        var response = await app.Server.ProcessAsync(
            Request("POST", "/api/bytes", body: Convert.ToBase64String(sent), base64: true),
            None);

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.IsBase64Encoded);
        Assert.Equal([255, 2, 1, 0], Convert.FromBase64String(response.Body));
        Assert.Equal(["a=1; path=/", "b=2; path=/"], response.Cookies);
        Assert.DoesNotContain(response.Headers.Keys, k => k.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("one,two", response.Headers["x-many"]);
    }

    [Fact]
    public async Task A_text_body_is_read_with_its_length_and_a_text_answer_stays_text()
    {
        await using var app = await HttpApiApp.StartAsync();

        var response = await app.Server.ProcessAsync(Request("POST", "/api/text", body: "héllo"), None);

        Assert.Equal(201, response.StatusCode);
        Assert.False(response.IsBase64Encoded);
        Assert.Equal("HÉLLO:" + Encoding.UTF8.GetByteCount("héllo"), response.Body);
    }

    [Fact]
    public async Task An_unhandled_exception_answers_500_and_the_next_request_is_served()
    {
        await using var app = await HttpApiApp.StartAsync();

        var failed = await app.Server.ProcessAsync(Request("GET", "/api/throws"), None);
        var next = await app.Server.ProcessAsync(Request("GET", "/api/echo"), None);

        Assert.Equal(500, failed.StatusCode);
        Assert.Equal(200, next.StatusCode);
    }

    [Fact]
    public async Task Starting_callbacks_run_before_the_headers_are_taken_even_without_a_body()
    {
        await using var app = await HttpApiApp.StartAsync();

        var response = await app.Server.ProcessAsync(Request("GET", "/api/starts-late"), None);

        Assert.Equal(204, response.StatusCode);
        Assert.Equal("yes", response.Headers["x-started"]);
        Assert.Equal("", response.Body);
    }

    [Fact]
    public async Task A_failure_after_the_response_started_fails_the_invocation_rather_than_answer_half_a_body()
    {
        await using var app = await HttpApiApp.StartAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => app.Server.ProcessAsync(Request("GET", "/api/fails-late"), None));

        Assert.Equal("late", failure.Message);
    }

    [Fact]
    public async Task A_head_request_answers_the_headers_without_the_body()
    {
        await using var app = await HttpApiApp.StartAsync();

        var response = await app.Server.ProcessAsync(Request("HEAD", "/api/echo"), None);

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("", response.Body);
    }

    [Fact]
    public async Task A_json_body_binds_to_an_inferred_body_parameter()
    {
        await using var app = await HttpApiApp.StartAsync();

        var response = await app.Server.ProcessAsync(
            Request(
                "POST",
                "/api/bound",
                body: """{"name":"lambda"}""",
                headers: new() { ["content-type"] = "application/json" }),
            None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("hello lambda", response.Body);
    }

    [Fact]
    public async Task An_unknown_route_answers_404()
    {
        await using var app = await HttpApiApp.StartAsync();

        var response = await app.Server.ProcessAsync(Request("GET", "/api/nothing"), None);

        Assert.Equal(404, response.StatusCode);
    }

    private static HttpApiRequest Request(
        string method,
        string rawPath,
        string query = "",
        string? body = null,
        bool base64 = false,
        Dictionary<string, string>? headers = null,
        string[]? cookies = null,
        string stage = "$default") =>
        new()
        {
            Version = "2.0",
            RawPath = rawPath,
            RawQueryString = query,
            Cookies = cookies,
            Headers = headers ?? [],
            Body = body,
            IsBase64Encoded = base64,
            RequestContext = new HttpApiRequestContext
            {
                RequestId = "req-1",
                Stage = stage,
                Http = new HttpApiRequestLine { Method = method, Protocol = "HTTP/1.1", SourceIp = "198.51.100.7" },
            },
        };
}
