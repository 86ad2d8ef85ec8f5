using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Serverless.Testing.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver on a free loopback port (Kestrel in the test process): it answers every export with success,
/// decodes the spans of <c>/v1/traces</c> (protobuf) and counts the requests of every path, so a test points a host at
/// <see cref="Endpoint"/> with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and reads what it exported.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TraceSpan> _spans = new();
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    private OtlpReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base address to export to (the exporter appends <c>/v1/traces</c> and so on).</summary>
    public Uri Endpoint { get; }

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<TraceSpan> Spans => [.. _spans];

    /// <summary>The environment that makes a host export here over OTLP/HTTP protobuf, batches every 100 ms.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment(string serviceName) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = serviceName,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
        };

    /// <summary>How many exports reached <paramref name="path"/> (<c>/v1/traces</c>, <c>/v1/metrics</c>...).</summary>
    public int Requests(string path) => _requests.GetValueOrDefault(path);

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapPost("/v1/{signal}", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until the spans received satisfy <paramref name="done"/>, and returns them.</summary>
    public Task<IReadOnlyList<TraceSpan>> WaitForAsync(Func<IReadOnlyList<TraceSpan>, bool> done, string because) =>
        Eventually.ValueAsync(() => Task.FromResult(Spans), done, because);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpContext context, string signal)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        _requests.AddOrUpdate(context.Request.Path, 1, static (_, count) => count + 1);
        if (signal == "traces")
        {
            foreach (var span in OtlpTraceReader.Read(body.ToArray()))
            {
                _spans.Enqueue(span);
            }
        }

        // An empty Export*ServiceResponse: every item accepted.
        return Results.Bytes([], "application/x-protobuf");
    }
}
