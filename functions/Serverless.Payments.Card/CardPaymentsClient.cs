using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Serverless.Payments.Card.Api;

namespace Serverless.Payments.Card;

/// <summary>
/// The provider's HTTP API (docs/payments.md): <c>POST /v1/charges</c> and <c>POST /v1/refunds</c>, each with an
/// <c>Idempotency-Key</c>, and <c>GET /v1/charges?idempotency_key=…</c>, every request through
/// <see cref="CardPaymentsPipeline"/>. Answers are mapped once: a 2xx is the result; a 402 is a
/// <see cref="CardDeclinedException"/>; another 4xx a <see cref="CardRequestRefusedException"/>; 5xx, 408, 429, 409
/// (the same key in progress), 401/403 (a key an operator must fix), timeouts, lost connections, an open circuit and
/// a full bulkhead a <see cref="CardProviderUnavailableException"/>.
/// </summary>
/// <remarks>
/// A charge whose outcome is unknown (no answer after a request was sent: a timeout, a connection lost, a 5xx) is
/// resolved by looking it up by its idempotency key before anything else: found, it is the result (charged once); not
/// found, the call fails as transient, and a retry with the same key is safe, since the provider answers a key it has
/// seen with the first result instead of charging again. The lookup also covers a retry after the provider forgot the
/// key (providers keep keys for about a day; the charge itself stays).
/// </remarks>
public sealed partial class CardPaymentsClient
{
    /// <summary>The name of the client's <see cref="HttpClient"/> (and its handler pipeline).</summary>
    public const string HttpClientName = "Serverless.Payments.Card";

    private readonly IHttpClientFactory _factory;
    private readonly CardPaymentsOptions _options;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates the client; <paramref name="options"/> must be valid (<see cref="CardPaymentsOptions.Validate"/>).
    /// </summary>
    public CardPaymentsClient(
        IHttpClientFactory factory,
        CardPaymentsOptions options,
        ILogger<CardPaymentsClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _factory = factory;
        _options = options;
        _logger = logger;
        Currency = (options.Currency ?? throw new ArgumentException("The currency is not set.", nameof(options)))
            .ToUpperInvariant();
    }

    /// <summary>The currency of every charge (ISO 4217, upper case).</summary>
    public string Currency { get; }

    /// <summary>
    /// Charges <paramref name="amount"/> minor units to the card behind <paramref name="source"/> for
    /// <paramref name="orderId"/>. The same <paramref name="idempotencyKey"/> never charges twice.
    /// </summary>
    /// <exception cref="CardDeclinedException">The card was declined.</exception>
    /// <exception cref="CardRequestRefusedException">The provider refused the request for good.</exception>
    /// <exception cref="CardProviderUnavailableException">Try again later, with the same key.</exception>
    public async Task<CardCharge> ChargeAsync(
        long amount,
        string source,
        string orderId,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var body = new CardChargeRequest(amount, Currency.ToLowerInvariant(), source, Metadata(orderId));
        var sent = new StrongBox<int>();
        try
        {
            using var request = Post(
                "v1/charges",
                idempotencyKey,
                JsonContent.Create(body, CardPaymentsJsonContext.Default.CardChargeRequest),
                sent);
            using var response = await SendAsync(request, sent, cancellationToken).ConfigureAwait(false);
            var charge = await ReadAsync(response, CardPaymentsJsonContext.Default.CardCharge, cancellationToken)
                .ConfigureAwait(false);
            return charge.HasFailed ? throw Declined(charge) : charge;
        }
        catch (CardProviderUnavailableException unknown) when (unknown.OutcomeUnknown)
        {
            return await ResolveAsync(idempotencyKey, unknown, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The charge made with <paramref name="idempotencyKey"/>, declined ones included, or <see langword="null"/> when
    /// none has reached the provider.
    /// </summary>
    /// <exception cref="CardProviderUnavailableException">Try again later.</exception>
    public async Task<CardCharge?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var sent = new StrongBox<int>();
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            $"v1/charges?idempotency_key={Uri.EscapeDataString(idempotencyKey)}");
        Prepare(request, sent);
        using var response = await SendAsync(request, sent, cancellationToken).ConfigureAwait(false);
        var list = await ReadAsync(response, CardPaymentsJsonContext.Default.CardChargeList, cancellationToken)
            .ConfigureAwait(false);
        return list.Data.Count == 0 ? null : list.Data[0];
    }

    /// <summary>
    /// Refunds <paramref name="amount"/> minor units of charge <paramref name="chargeId"/>. The same
    /// <paramref name="idempotencyKey"/> never refunds twice. An unknown outcome is not resolved here: the caller looks
    /// the charge up (its refunds come with it) before it tries again.
    /// </summary>
    /// <exception cref="CardRequestRefusedException">The provider refused the refund for good.</exception>
    /// <exception cref="CardProviderUnavailableException">Try again later, with the same key.</exception>
    public async Task<CardRefund> RefundAsync(
        string chargeId,
        long amount,
        string orderId,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var sent = new StrongBox<int>();
        using var request = Post(
            "v1/refunds",
            idempotencyKey,
            JsonContent.Create(
                new CardRefundRequest(chargeId, amount, Metadata(orderId)),
                CardPaymentsJsonContext.Default.CardRefundRequest),
            sent);
        using var response = await SendAsync(request, sent, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, CardPaymentsJsonContext.Default.CardRefund, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<CardCharge> ResolveAsync(
        string idempotencyKey,
        CardProviderUnavailableException unknown,
        CancellationToken cancellationToken)
    {
        Logs.ChargeOutcomeUnknown(_logger, idempotencyKey, unknown.Message);
        CardCharge? charge;
        try
        {
            charge = await FindChargeAsync(idempotencyKey, cancellationToken).ConfigureAwait(false);
        }
        catch (CardProviderUnavailableException lookup)
        {
            throw new CardProviderUnavailableException(
                $"{unknown.Message} Looking the charge up failed too ({lookup.Message}); a retry with the same " +
                "idempotency key is safe.",
                outcomeUnknown: true,
                unknown);
        }

        Logs.ChargeLookedUp(_logger, idempotencyKey, charge?.Status ?? "not found");
        return charge switch
        {
            null => throw new CardProviderUnavailableException(
                $"{unknown.Message} No charge with idempotency key '{idempotencyKey}' has reached the provider; a " +
                "retry with the same key is safe.",
                outcomeUnknown: false,
                unknown),
            { HasSucceeded: true } => charge,
            { HasFailed: true } => throw Declined(charge),
            _ => throw new CardProviderUnavailableException(
                $"The charge with idempotency key '{idempotencyKey}' is still {charge.Status} at the provider.",
                outcomeUnknown: true,
                unknown),
        };
    }

    private HttpRequestMessage Post(string path, string idempotencyKey, HttpContent content, StrongBox<int> sent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(CardPaymentsPipeline.IdempotencyKeyHeader, idempotencyKey);
        Prepare(request, sent);
        return request;
    }

    private void Prepare(HttpRequestMessage request, StrongBox<int> sent)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        request.Options.Set(AttemptCounter.Sent, sent);
    }

    private static Dictionary<string, string> Metadata(string orderId) =>
        new(StringComparer.Ordinal) { ["order_id"] = orderId };

    private static CardDeclinedException Declined(CardCharge charge) =>
        new(charge.FailureMessage ?? "The card was declined.", charge.FailureCode, declineCode: null);
}
