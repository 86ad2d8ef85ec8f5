using Serverless.Storage.Tables;

namespace Serverless.Orders.Payments;

// The local half of the void rule: one row per order, "Requested" when a refund found no charge, "Voided" once the
// grace has passed with none arriving. Written insert-once and ETag-guarded, so racing processes agree.
public sealed partial class CardPaymentGateway
{
    private const string VoidRow = "void";

    private async Task<TableEntity?> ReadVoidAsync(string orderId, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        return await _voids.GetAsync(orderId, VoidRow, cancellationToken).ConfigureAwait(false);
    }

    // A charge of an order whose refund has begun: only the provider's record of an earlier attempt may answer it.
    private async Task<PaymentReceipt> ChargeVoidedAsync(
        string orderId,
        string idempotencyKey,
        TableEntity voided,
        CancellationToken cancellationToken)
    {
        if (voided["status"] != nameof(PaymentStatus.Voided)
            && await Call(() => _client.FindChargeAsync(idempotencyKey, cancellationToken)).ConfigureAwait(false)
                is { } charge)
        {
            return charge.HasSucceeded
                ? Receipt(orderId, charge)
                : throw new PaymentDeclinedException(charge.FailureMessage ?? "The card was declined.");
        }

        throw new PaymentDeclinedException("The payment was voided before it was charged.");
    }

    private async Task<TableEntity> RequestVoidAsync(string orderId, CancellationToken cancellationToken)
    {
        if (await ReadVoidAsync(orderId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var requested = EntityValues.New(
            orderId,
            VoidRow,
            ("status", "Requested"),
            ("requestedAt", EntityValues.Format(_time.GetUtcNow())));
        try
        {
            var etags = await _voids.ExecuteBatchAsync([TableOperation.Insert(requested)], cancellationToken)
                .ConfigureAwait(false);
            return requested with { ETag = etags[0] };
        }
        catch (TableConflictException)
        {
            // Another refund of the same order asked first: its time counts.
            return await _voids.GetAsync(orderId, VoidRow, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The void of order {orderId} vanished.");
        }
    }

    private async Task<PaymentReceipt> ConfirmVoidAsync(
        string orderId,
        TableEntity requested,
        CancellationToken cancellationToken)
    {
        var voided = new PaymentReceipt(orderId, PaymentStatus.Voided, 0m);
        if (requested["status"] == nameof(PaymentStatus.Voided))
        {
            return voided;
        }

        var waited = _time.GetUtcNow() - EntityValues.Time(requested, "requestedAt");
        if (waited < _voidGrace)
        {
            throw new PaymentUnavailableException(
                $"No charge of order {orderId} has reached the provider; the void is confirmed once " +
                $"{_voidGrace.TotalSeconds:0} s have passed since it was asked ({waited.TotalSeconds:0} s so far), " +
                "so that a charge sent just before it is found and refunded.");
        }

        try
        {
            await _voids.ExecuteBatchAsync(
                [TableOperation.Replace(requested.With(("status", nameof(PaymentStatus.Voided))), requested.ETag!)],
                cancellationToken).ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            // A racing refund confirmed it first; same outcome.
        }

        return voided;
    }
}
