using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Serverless.Payments.Card.Api;

namespace Serverless.Payments.Card;

// How every answer, or its absence, becomes a result or one of the three exceptions.
public sealed partial class CardPaymentsClient
{
    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        StrongBox<int> sent,
        CancellationToken cancellationToken)
    {
        var http = _factory.CreateClient(HttpClientName);
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException open)
        {
            throw Unavailable(
                "The circuit to the card-payments provider is open after too many failures: calls fail fast until a " +
                "probe gets through.",
                sent,
                open);
        }
        catch (RateLimiterRejectedException full)
        {
            throw Unavailable(
                $"Too many requests to the card-payments provider at once ({_options.MaxConcurrency} in flight, " +
                $"{_options.QueueLimit} waiting): failing fast.",
                sent,
                full);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw Unavailable(
                $"The card-payments provider did not answer in time ({timeout.Timeout.TotalSeconds:0.###} s).",
                sent,
                timeout);
        }
        catch (HttpRequestException failed)
        {
            throw Unavailable($"The card-payments provider could not be reached: {failed.Message}", sent, failed);
        }
        catch (OperationCanceledException cancelled) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("The request to the card-payments provider was cut off.", sent, cancelled);
        }
    }

    private static async Task<T> ReadAsync<T>(
        HttpResponseMessage response,
        JsonTypeInfo<T> type,
        CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("The body is null.");
        }
        catch (JsonException unreadable)
        {
            // It said yes, but what it did cannot be read: as good as no answer.
            throw new CardProviderUnavailableException(
                $"The card-payments provider answered {(int)response.StatusCode} with a body that is not the " +
                $"documented JSON: {unreadable.Message}",
                outcomeUnknown: true,
                unreadable);
        }
    }

    private static async Task<Exception> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var said = $"{status} {error?.Code ?? response.ReasonPhrase}: {error?.Message ?? "no message"}";
        return response.StatusCode switch
        {
            HttpStatusCode.PaymentRequired => new CardDeclinedException(
                error?.Message ?? "The card was declined.",
                error?.Code,
                error?.DeclineCode),
            HttpStatusCode.Conflict => new CardProviderUnavailableException(
                $"A request with the same idempotency key is still in progress at the provider ({said}).",
                outcomeUnknown: false),
            HttpStatusCode.TooManyRequests => new CardProviderUnavailableException(
                $"The card-payments provider is limiting requests ({said}).",
                outcomeUnknown: false),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CardProviderUnavailableException(
                $"The card-payments provider refused the API key ({said}): check the configured key.",
                outcomeUnknown: false),
            HttpStatusCode.RequestTimeout => new CardProviderUnavailableException(
                $"The card-payments provider timed out ({said}).",
                outcomeUnknown: true),
            _ when status >= 500 => new CardProviderUnavailableException(
                $"The card-payments provider failed ({said}).",
                outcomeUnknown: true),
            _ => new CardRequestRefusedException(
                $"The card-payments provider refused the request ({said}).",
                status,
                error?.Code),
        };
    }

    private static async Task<CardError?> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync(
                CardPaymentsJsonContext.Default.CardErrorResponse,
                cancellationToken).ConfigureAwait(false))?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            // Not JSON at all (a proxy's HTML page).
            return null;
        }
    }

    // No answer came: whether the provider may have acted depends on whether any attempt was sent.
    private static CardProviderUnavailableException Unavailable(string message, StrongBox<int> sent, Exception cause) =>
        new(message, outcomeUnknown: Volatile.Read(ref sent.Value) > 0, cause);
}
