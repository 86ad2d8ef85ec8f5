using System.Net;
using Serverless.Bench.Kit;

namespace Serverless.Bench.Throughput;

/// <summary>
/// A local OTLP/HTTP endpoint for <c>--otlp-receiver</c>: it takes every export (<c>/v1/traces</c>,
/// <c>/v1/metrics</c>, <c>/v1/logs</c>), counts the requests and bytes, and answers 200 without decoding, so the
/// host pays the whole cost of exporting and the receiver next to nothing.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private long _requests;
    private long _bytes;

    private OtlpReceiver(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The address to give the host as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; }

    public long Requests => Interlocked.Read(ref _requests);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static OtlpReceiver Start() => new(FreePort.Next());

    /// <summary>The variables that point a host at this receiver over OTLP/HTTP with protobuf.</summary>
    public Dictionary<string, string> HostEnvironment() => new(StringComparer.Ordinal)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
            // Stopped while waiting for the next request.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            _ = Task.Run(async () =>
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Interlocked.Increment(ref _requests);
                Interlocked.Add(ref _bytes, body.Length);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            });
        }
    }
}
