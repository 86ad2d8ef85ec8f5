using System.Text.RegularExpressions;
using Serverless.Payments.Card;
using Serverless.Payments.Card.Api;
using Serverless.Storage;
using Serverless.Storage.Tables;

namespace Serverless.Orders.Payments;

/// <summary>
/// The payment port over a card-payments provider (<see cref="CardPaymentsClient"/>; docs/payments.md). The provider
/// keeps the money and the ledger: a charge is found by the order's charge key (<see cref="PaymentKeys.Charge"/>), its
/// refunds come with it, and <see cref="GetAsync"/> reads both from there. A decline (402) is a
/// <see cref="PaymentDeclinedException"/>; everything that may pass (an outage, a timeout, an open circuit, a full
/// bulkhead) a <see cref="PaymentUnavailableException"/>, which the saga retries durably with the same key.
/// </summary>
/// <remarks>
/// <para>
/// The port's void rule (refunding a never-charged order voids it, so a late charge is declined) cannot be kept the
/// simulator's way: a provider cannot void what it has not seen, and a charge sent just before the refund may reach it
/// just after. So the rule is kept in two halves. Locally, the refund first records that the order's payment is void (a
/// row of <see cref="TableName"/>, shared by every process on the store); a charge that starts after that is declined
/// without reaching the provider (activities run at least once, and a late delivery of the charge must not take money
/// from a cancelled order). At the provider, the refund then looks the charge up by its key: found, it refunds it (by
/// the refund key, so never twice); found declined, there is nothing to give back; not found, it is not yet sure that
/// none is on its way, since a charge that passed the local check just before may still be in flight. It waits out
/// <see cref="PaymentsOptions.VoidGrace"/>, longer than any charge call may last (every attempt and wait of one call is
/// bounded by <see cref="CardPaymentsOptions.TotalTimeout"/>), by failing transiently: the saga's refund retry (or the
/// reconciler's next pass) asks again, refunds the late charge if it has arrived, and confirms the void once the grace
/// has passed.
/// </para>
/// <para>
/// What no client can close alone: a request that reaches the provider later than the grace (held in a network for
/// minutes). The grace is set well beyond any timeout on the path; a provider that offers a void by idempotency key, or
/// charges as authorisations captured later, would close it for good.
/// </para>
/// </remarks>
public sealed partial class CardPaymentGateway : IPaymentGateway
{
    /// <summary>The table of voids, one row per order whose refund found nothing charged.</summary>
    public const string TableName = "CardPaymentVoids";

    private readonly CardPaymentsClient _client;
    private readonly ITable _voids;
    private readonly TimeSpan _voidGrace;
    private readonly TimeProvider _time;
    private readonly Lazy<Task> _created;

    /// <summary>Creates the gateway over <paramref name="client"/>, its voids in <paramref name="storage"/>.</summary>
    public CardPaymentGateway(
        CardPaymentsClient client,
        IStorageProvider storage,
        TimeSpan voidGrace,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _client = client;
        _voids = storage.GetTable(TableName);
        _voidGrace = voidGrace;
        _time = timeProvider ?? TimeProvider.System;
        _created = new Lazy<Task>(() => _voids.CreateIfNotExistsAsync().AsTask());
    }

    /// <summary>A provider's card token: a lower-case prefix, an underscore (<c>tok_…</c>, <c>pm_…</c>).</summary>
    public bool AcceptsToken(string token) => token.Length <= 255 && TokenShape().IsMatch(token);

    /// <inheritdoc />
    public async Task<PaymentReceipt> ChargeAsync(
        string orderId,
        decimal amount,
        string token,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var minor = MinorAmount(amount);
        if (await ReadVoidAsync(orderId, cancellationToken).ConfigureAwait(false) is { } voided)
        {
            return await ChargeVoidedAsync(orderId, idempotencyKey, voided, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var charge = await Call(() => _client.ChargeAsync(minor, token, orderId, idempotencyKey, cancellationToken))
                .ConfigureAwait(false);
            return Receipt(orderId, charge);
        }
        catch (CardRequestRefusedException refused)
        {
            // A request the provider will never accept (a bad token, a currency it does not take) declines the order.
            throw new PaymentDeclinedException(refused.Message, refused);
        }
    }

    /// <inheritdoc />
    public async Task<PaymentReceipt> RefundAsync(
        string orderId,
        decimal amount,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var requested = await RequestVoidAsync(orderId, cancellationToken).ConfigureAwait(false);
        var charge = await Call(() => _client.FindChargeAsync(PaymentKeys.Charge(orderId), cancellationToken))
            .ConfigureAwait(false);
        switch (charge)
        {
            case { HasSucceeded: true }:
                return await RefundChargeAsync(orderId, amount, idempotencyKey, charge, cancellationToken)
                    .ConfigureAwait(false);
            case { HasFailed: true }:
                return new PaymentReceipt(orderId, PaymentStatus.Declined, 0m);
            case not null:
                throw new PaymentUnavailableException(
                    $"The charge of order {orderId} is still {charge.Status} at the provider.");
        }

        return await ConfirmVoidAsync(orderId, requested, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PaymentRecord?> GetAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var charge = await Call(() => _client.FindChargeAsync(PaymentKeys.Charge(orderId), cancellationToken))
            .ConfigureAwait(false);
        if (charge is not null)
        {
            return Record(orderId, charge);
        }

        return await ReadVoidAsync(orderId, cancellationToken).ConfigureAwait(false) is { } row
            && row["status"] == nameof(PaymentStatus.Voided)
            ? new PaymentRecord(orderId, PaymentStatus.Voided, 0m, 0m, [])
            : null;
    }

    private async Task<PaymentReceipt> RefundChargeAsync(
        string orderId,
        decimal amount,
        string idempotencyKey,
        CardCharge charge,
        CancellationToken cancellationToken)
    {
        // Looked up first, so an attempt whose answer was lost is seen done and never sent again with another amount.
        var target = Math.Min(MinorAmount(amount), charge.Amount);
        if (charge.AmountRefunded >= target)
        {
            return new PaymentReceipt(orderId, PaymentStatus.Refunded, Amount(charge.AmountRefunded));
        }

        var refund = await Call(() => _client.RefundAsync(
            charge.Id,
            target - charge.AmountRefunded,
            orderId,
            idempotencyKey,
            cancellationToken)).ConfigureAwait(false);
        return new PaymentReceipt(orderId, PaymentStatus.Refunded, Amount(charge.AmountRefunded + refund.Amount));
    }

    private PaymentReceipt Receipt(string orderId, CardCharge charge) => new(
        orderId,
        charge.AmountRefunded > 0 ? PaymentStatus.Refunded : PaymentStatus.Charged,
        Amount(charge.Amount));

    private PaymentRecord Record(string orderId, CardCharge charge)
    {
        if (!charge.HasSucceeded)
        {
            var status = charge.HasFailed ? PaymentStatus.Declined : PaymentStatus.None;
            return new PaymentRecord(orderId, status, 0m, 0m, []);
        }

        var ledger = new List<LedgerEntry>
        {
            new(LedgerKinds.Charge, Amount(charge.Amount), DateTimeOffset.FromUnixTimeSeconds(charge.Created)),
        };
        ledger.AddRange((charge.Refunds ?? []).Select(r =>
            new LedgerEntry(LedgerKinds.Refund, Amount(r.Amount), DateTimeOffset.FromUnixTimeSeconds(r.Created))));
        return new PaymentRecord(
            orderId,
            charge.AmountRefunded > 0 ? PaymentStatus.Refunded : PaymentStatus.Charged,
            Amount(charge.Amount),
            Amount(charge.Amount - charge.AmountRefunded),
            ledger);
    }

    private long MinorAmount(decimal amount)
    {
        try
        {
            return MinorUnits.From(amount, _client.Currency);
        }
        catch (ArgumentOutOfRangeException wrong)
        {
            throw new PaymentDeclinedException(wrong.Message, wrong);
        }
    }

    private decimal Amount(long minor) => MinorUnits.ToAmount(minor, _client.Currency);

    // The provider's answers in the port's terms. A refusal other than a decline (a 400 about the request) is final
    // too: for a charge it is a decline; for a refund it stays what it is, and the saga keeps retrying it in view.
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (CardDeclinedException declined)
        {
            throw new PaymentDeclinedException(declined.Message, declined);
        }
        catch (CardProviderUnavailableException unavailable)
        {
            throw new PaymentUnavailableException(unavailable.Message, unavailable);
        }
    }

    [GeneratedRegex("^[a-z]+_[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenShape();
}
