using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Serverless.Http;

/// <summary>
/// Reads a JSON request body for a handler, strictly (<see cref="StrictJson"/>), turning every way it can be wrong into
/// a problem+json result: 413 when it is larger than the limit (declared or, for chunked bodies, counted), 415 when it
/// is not JSON or not UTF-8, 400 when it is empty, malformed, of the wrong type, or has a property twice or one the
/// request does not have, naming the offending field (<c>items[0].quantity</c>). A UTF-8 byte order mark is skipped.
/// </summary>
public static partial class JsonBody
{
    /// <summary>The limit used when the server declares none: 64 KiB.</summary>
    public const long DefaultMaxBytes = 64 * 1024;

    /// <summary>
    /// Reads the body, up to the request's body-size limit (Kestrel's <c>MaxRequestBodySize</c>, else
    /// <see cref="DefaultMaxBytes"/>).
    /// </summary>
    public static Task<JsonBodyResult<T>> ReadAsync<T>(
        HttpRequest request,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken = default)
    {
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
            ?? DefaultMaxBytes;
        return ReadAsync(request, typeInfo, limit, cancellationToken);
    }

    /// <summary>Reads the body, refusing more than <paramref name="maxBytes"/> bytes with 413.</summary>
    public static async Task<JsonBodyResult<T>> ReadAsync<T>(
        HttpRequest request,
        JsonTypeInfo<T> typeInfo,
        long maxBytes,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        maxBytes = Math.Min(maxBytes, Array.MaxLength - 1);

        // This reader counts the bytes itself. Lifting the server's own limit for this request lets the server drain
        // the rest of a refused body after the answer (as it does for any unread body, for up to 5 s), so a client
        // still sending an oversize body reads its 413 instead of having the connection reset under it.
        LiftServerLimit(request.HttpContext);
        if (request.ContentLength > maxBytes)
        {
            return new JsonBodyResult<T>(PayloadTooLarge(request, maxBytes));
        }

        if (request.ContentLength == 0)
        {
            return new JsonBodyResult<T>(Required());
        }

        if (!request.HasJsonContentType())
        {
            return new JsonBodyResult<T>(FunctionResults.Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "The request body must be JSON (Content-Type: application/json)."));
        }

        if (!IsUtf8(request))
        {
            return new JsonBodyResult<T>(FunctionResults.Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "The request body must be UTF-8 JSON (Content-Type: application/json; charset=utf-8, or no charset)."));
        }

        byte[] buffer;
        int length;
        try
        {
            (buffer, length) = await ReadBoundedAsync(
                request.Body,
                (int)Math.Min(maxBytes + 1, request.ContentLength ?? 4096),
                maxBytes,
                cancellationToken)
                .ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // The server's limit, when the body was already being read before (413), a malformed chunk (400), or a body
            // sent too slowly (408).
            return new JsonBodyResult<T>(ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? PayloadTooLarge(request, maxBytes)
                : FunctionResults.Problem(ex.StatusCode, "The request body could not be read."));
        }

        try
        {
            if (length > maxBytes)
            {
                return new JsonBodyResult<T>(PayloadTooLarge(request, maxBytes));
            }

            var json = buffer.AsSpan(0, length);
            if (json.StartsWith(Utf8Bom))
            {
                json = json[Utf8Bom.Length..];
            }

            if (json.Trim(" \t\r\n"u8).IsEmpty)
            {
                return new JsonBodyResult<T>(Required());
            }

            try
            {
                var value = JsonSerializer.Deserialize(json, StrictJson.For(typeInfo));
                return value is null ? new JsonBodyResult<T>(Required()) : new JsonBodyResult<T>(value);
            }
            catch (JsonException ex)
            {
                return new JsonBodyResult<T>(Malformed(ex));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // JSON is UTF-8 (RFC 8259); a declared charset other than that would be read as UTF-8 all the same, wrongly.
    private static bool IsUtf8(HttpRequest request) =>
        !MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
        || contentType.Charset is not { Length: > 0 } charset
        || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
        || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> + 1 bytes into a pooled buffer (the caller returns it), so an oversize
    /// body is detected without reading all of it.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBoundedAsync(
        Stream body,
        int initialSize,
        long maxBytes,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialSize, 1));
        var length = 0;
        try
        {
            while (length <= maxBytes)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var room = (int)Math.Min(buffer.Length - length, maxBytes + 1 - length);
                var read = await body.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// Lets the server drain an unread body of any size (bounded by its drain timeout) instead of resetting the
    /// connection.
    /// </summary>
    internal static void LiftServerLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null;
        }
    }

    /// <summary>
    /// Asks for the connection to be closed after the response: the rest of an oversize body is never read, so the
    /// connection cannot carry another request, and a client told so in advance does not try to reuse it.
    /// </summary>
    internal static void CloseConnection(HttpResponse response)
    {
        if (!response.HasStarted)
        {
            response.Headers.Connection = "close";
        }
    }

    private static ProblemHttpResult PayloadTooLarge(HttpRequest request, long maxBytes)
    {
        CloseConnection(request.HttpContext.Response);
        return FunctionResults.Problem(
            StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than {maxBytes} bytes.");
    }

    private static ProblemHttpResult Required() =>
        Validation(
            new Dictionary<string,
            string[]>(StringComparer.Ordinal) { ["$"] = ["A JSON request body is required."] },
            "The request body is empty.");

    private static ProblemHttpResult Malformed(JsonException exception)
    {
        var path = exception.Path ?? "$";
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var missing = MissingProperties().Match(exception.Message);
        if (missing.Success)
        {
            // Required members absent: name each one rather than the object that lacks them.
            foreach (Match name in QuotedName().Matches(missing.Groups[1].Value))
            {
                errors[FieldName(path + "." + name.Groups[1].Value)] = ["The field is required."];
            }
        }

        if (errors.Count == 0)
        {
            errors[FieldName(path)] = ["The value is malformed or of the wrong type."];
        }

        var position = exception.LineNumber is { } line
            ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})"
            : string.Empty;
        return Validation(errors, $"The request body is not valid JSON for this request{position}.");
    }

    /// <summary><c>$.items[0].quantity</c> → <c>items[0].quantity</c>; the root stays <c>$</c>.</summary>
    internal static string FieldName(string jsonPath)
    {
        if (jsonPath.Length <= 1 || jsonPath[0] != '$')
        {
            return jsonPath.Length == 0 ? "$" : jsonPath;
        }

        return jsonPath[1] == '.' ? jsonPath[2..] : jsonPath[1..];
    }

    private static ProblemHttpResult Validation(Dictionary<string, string[]> errors, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = FunctionResults.ValidationTitle,
            Detail = detail,
        });

    [GeneratedRegex("missing required properties including: (.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();
}
