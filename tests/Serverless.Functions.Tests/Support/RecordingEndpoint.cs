using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// A Kestrel server on a free loopback port that records every request (method, path and query, headers, the body
/// unzipped) and answers each with what <c>answer</c> returns for it: a stand-in for an Azure endpoint the app calls.
/// </summary>
public sealed class RecordingEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private RecordingEndpoint(Func<RecordedRequest, string> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        _app = builder.Build();
        _app.Run(async context =>
        {
            var request = await RecordAsync(context.Request);
            _requests.Enqueue(request);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer(request));
        });
    }

    /// <summary>The server's root URL, ending in a slash.</summary>
    public Uri Url => new(_app.Urls.Single().TrimEnd('/') + "/");

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    public static async Task<RecordingEndpoint> StartAsync(Func<RecordedRequest, string> answer)
    {
        var endpoint = new RecordingEndpoint(answer);
        await endpoint._app.StartAsync();
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<RecordedRequest> RecordAsync(HttpRequest request)
    {
        Stream body = request.Body;
        if (request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(body);
        var text = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(
            h => h.Key,
            h => h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(request.Method, request.Path + request.QueryString, headers, text);
    }
}

/// <summary>One request a <see cref="RecordingEndpoint"/> received.</summary>
public sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body);
