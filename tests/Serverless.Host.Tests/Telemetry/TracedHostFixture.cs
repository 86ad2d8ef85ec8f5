using System.Diagnostics;
using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Serverless.Testing.Telemetry;

namespace Serverless.Host.Tests.Telemetry;

/// <summary>
/// A host process exporting over OTLP/HTTP to an <see cref="OtlpReceiver"/> of the test, with the calls that place an
/// order under a trace context the test chose, so each test finds its order's trace by its own trace id.
/// </summary>
public sealed class TracedHostFixture : IAsyncLifetime, IDisposable
{
    private OtlpReceiver? _receiver;
    private HostProcess? _host;
    private HostClient? _client;

    public OtlpReceiver Receiver => _receiver ?? throw new InvalidOperationException("Not started.");

    public HostProcess Host => _host ?? throw new InvalidOperationException("Not started.");

    public HostClient Client => _client ?? throw new InvalidOperationException("Not started.");

    /// <summary>Arguments of the host; more recovery-friendly timeouts for the kill tests.</summary>
    public static readonly string[] Arguments =
    [
        "--Durable:VisibilityTimeout=00:00:10",
        "--Durable:SweepInterval=00:00:05",
        "--Durable:SweepGrace=00:00:05",
        "--Orders:Payments:Simulator:SlowDelay=00:00:15",
    ];

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _host = await HostProcess.StartAsync(
            new HostLaunch(Environment: _receiver.HostEnvironment("traced-host")),
            "traced",
            Arguments);
        _client = new HostClient(_host);
    }

    public void Dispose() => _client?.Dispose();

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    /// <summary>
    /// Places an order under a fresh trace context (a <c>traceparent</c> header, as an instrumented caller sends);
    /// returns the order id, the trace id and the caller's span id (the parent of the host's server span).
    /// </summary>
    public static async Task<(string OrderId, string TraceId, string CallerSpanId)> PlaceTracedAsync(
        HostClient client, string body)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpanId = ActivitySpanId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");
        using var response = await client.Http.SendAsync(request);
        var accepted = await client.ExpectAsync<OrderAcceptedDto>(response, HttpStatusCode.Accepted);
        return (accepted.OrderId, traceId, callerSpanId);
    }
}
