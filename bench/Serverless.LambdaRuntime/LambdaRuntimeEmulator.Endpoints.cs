using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Serverless.LambdaRuntime;

/// <summary>The HTTP side: the four Runtime API resources, with the status codes and bodies AWS documents.</summary>
public sealed partial class LambdaRuntimeEmulator
{
    private const string Version = "/2018-06-01";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private const string JsonContentType = "application/json";

    private void MapRuntimeApi(WebApplication app)
    {
        app.MapGet(Version + "/runtime/invocation/next", new RequestDelegate(NextAsync));
        app.MapPost(Version + "/runtime/invocation/{requestId}/response", new RequestDelegate(ResponseAsync));
        app.MapPost(Version + "/runtime/invocation/{requestId}/error", new RequestDelegate(ErrorAsync));
        app.MapPost(Version + "/runtime/init/error", new RequestDelegate(InitErrorAsync));
    }

    private async Task NextAsync(HttpContext context)
    {
        _firstPoll.TrySetResult();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        QueuedInvocation invocation;
        try
        {
            do
            {
                invocation = await _queue.Reader.ReadAsync(stop.Token).ConfigureAwait(false);
            }
            while (!TryHandOut(invocation));
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] =
            invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = _options.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        context.Response.ContentType = JsonContentType;
        await context.Response.WriteAsync(invocation.EventJson, context.RequestAborted).ConfigureAwait(false);
    }

    private Task ResponseAsync(HttpContext context) => AnswerAsync(context, isError: false);

    private Task ErrorAsync(HttpContext context) => AnswerAsync(context, isError: true);

    private async Task AnswerAsync(HttpContext context, bool isError)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        if (body is null)
        {
            var message = $"Exceeded maximum allowed payload size ({MaxPayloadBytes} bytes).";
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, RuntimeApiDocuments.Error(
                message,
                "RequestEntityTooLarge")).ConfigureAwait(false);
            return;
        }

        var requestId = (string)context.GetRouteValue("requestId")!;
        var errorType = isError
            ? RuntimeApiDocuments.ErrorTypeOf(body) ?? HeaderOrNull(context, ErrorTypeHeader) ?? "Unhandled"
            : null;
        if (!TryAnswer(requestId, isError, body, errorType))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, RuntimeApiDocuments.Error(
                $"Invalid request ID: {requestId} is not an invocation awaiting an answer",
                "InvalidRequestID")).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, StatusCodes.Status202Accepted, RuntimeApiDocuments.Accepted).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false) ?? string.Empty;
        RecordInitError(new LambdaInitError(HeaderOrNull(context, ErrorTypeHeader), body));
        await WriteAsync(context, StatusCodes.Status202Accepted, RuntimeApiDocuments.Accepted).ConfigureAwait(false);
    }

    /// <summary>The body as UTF-8 text, or <see langword="null"/> when it exceeds <see cref="MaxPayloadBytes"/>.
    /// </summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxPayloadBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)
            .ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxPayloadBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string? HeaderOrNull(HttpContext context, string name) =>
        context.Request.Headers[name].ToString() is { Length: > 0 } value ? value : null;

    private static Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}
