using Serverless.Storage.Tables;

namespace Serverless.Orders.Payments;

public sealed partial class PaymentSimulator
{
    /// <inheritdoc />
    public async Task<PaymentReceipt> ChargeAsync(
        string orderId,
        decimal amount,
        string token,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        await _created.Value.ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var payment = await _table.GetAsync(orderId, PaymentRow, cancellationToken).ConfigureAwait(false);
            switch (payment is null ? PaymentStatus.None : Status(payment))
            {
                case PaymentStatus.Charged or PaymentStatus.Refunded:
                    // Idempotent per order: the first charge stands, whatever this call asks.
                    return new PaymentReceipt(orderId, Status(payment!), EntityValues.Decimal(payment!, "amount"));
                case PaymentStatus.Declined or PaymentStatus.Voided:
                    throw new PaymentDeclinedException(payment!["reason"] ?? "The payment was declined.");
            }

            try
            {
                return await TryChargeAsync(orderId, amount, token, idempotencyKey, payment, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (TableConflictException)
            {
                // A concurrent call for the same order wrote first: read what it did.
                await Contention.BackoffAsync(attempt, $"charging {orderId}", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<PaymentReceipt> TryChargeAsync(
        string orderId,
        decimal amount,
        string token,
        string idempotencyKey,
        TableEntity? payment,
        CancellationToken cancellationToken)
    {
        switch (token)
        {
            case TestTokens.Visa or TestTokens.HighRisk:
                break;
            case TestTokens.Slow:
                await Task.Delay(_options.SlowDelay, _time, cancellationToken).ConfigureAwait(false);
                break;
            case TestTokens.Transient:
                var attempts = EntityValues.Long(payment ?? new TableEntity(orderId, PaymentRow), "attempts") + 1;
                var counted = PaymentEntity(
                    orderId,
                    payment,
                    ("token", token),
                    ("attempts", EntityValues.Format(attempts)));
                var etag = (await _table.ExecuteBatchAsync(
                    [Write(payment, counted)],
                    cancellationToken).ConfigureAwait(false))[0];
                if (attempts <= _options.TransientFailures)
                {
                    throw new PaymentUnavailableException($"The gateway timed out (simulated, attempt {attempts} of " +
                        $"the order).");
                }

                payment = counted with { ETag = etag };
                break;
            default:
                var reason = token == TestTokens.Decline
                    ? "The card was declined (simulated)."
                    : $"The token '{token}' is not a known test token.";
                await _table.ExecuteBatchAsync(
                    [Write(
                        payment,
                        PaymentEntity(
                            orderId,
                            payment,
                            ("status", nameof(PaymentStatus.Declined)),
                            ("token", token),
                            ("reason", reason)))],
                    cancellationToken).ConfigureAwait(false);
                throw new PaymentDeclinedException(reason);
        }

        var charged = PaymentEntity(
            orderId,
            payment,
            ("status", nameof(PaymentStatus.Charged)),
            ("token", token),
            ("amount", EntityValues.Format(amount)));
        await _table.ExecuteBatchAsync(
            [
                Write(payment, charged),
                TableOperation.Insert(Ledger(orderId, ChargeRow, LedgerKinds.Charge, amount, idempotencyKey))],
            cancellationToken).ConfigureAwait(false);
        return new PaymentReceipt(orderId, PaymentStatus.Charged, amount);
    }

    /// <inheritdoc />
    public async Task<PaymentReceipt> RefundAsync(
        string orderId,
        decimal amount,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        await _created.Value.ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var payment = await _table.GetAsync(orderId, PaymentRow, cancellationToken).ConfigureAwait(false);
            var status = payment is null ? PaymentStatus.None : Status(payment);
            if (_options.RefundFailures > 0 && status is not (PaymentStatus.Refunded or PaymentStatus.Voided))
            {
                var failures = EntityValues.Long(payment ?? new TableEntity(orderId, PaymentRow), "refundAttempts") + 1;
                if (failures <= _options.RefundFailures)
                {
                    try
                    {
                        await _table.ExecuteBatchAsync(
                            [Write(
                                payment,
                                PaymentEntity(orderId, payment, ("refundAttempts", EntityValues.Format(failures))))],
                            cancellationToken)
                            .ConfigureAwait(false);
                    }
                    catch (TableConflictException)
                    {
                        await Contention.BackoffAsync(attempt, $"refunding {orderId}", cancellationToken)
                            .ConfigureAwait(false);
                        continue;
                    }

                    throw new PaymentUnavailableException($"The gateway refused the refund (simulated, attempt " +
                        $"{failures} of the order).");
                }
            }

            IReadOnlyList<TableOperation> batch;
            PaymentReceipt receipt;
            switch (status)
            {
                case PaymentStatus.Refunded:
                    return new PaymentReceipt(orderId, status, EntityValues.Decimal(payment!, "refunded"));
                case PaymentStatus.Declined or PaymentStatus.Voided:
                    return new PaymentReceipt(orderId, status, 0m);
                case PaymentStatus.None:
                    // Nothing charged yet: void the order, so a charge still in flight cannot take money afterwards.
                    batch = [Write(
                        payment,
                        PaymentEntity(
                            orderId,
                            payment,
                            ("status", nameof(PaymentStatus.Voided)),
                            ("reason", "The payment was voided before it was charged.")))];
                    receipt = new PaymentReceipt(orderId, PaymentStatus.Voided, 0m);
                    break;
                default:
                    var refund = Math.Min(amount, EntityValues.Decimal(payment!, "amount"));
                    var refunded = PaymentEntity(
                        orderId,
                        payment,
                        ("status", nameof(PaymentStatus.Refunded)),
                        ("refunded", EntityValues.Format(refund)));
                    batch = [
                        Write(payment, refunded),
                        TableOperation.Insert(Ledger(orderId, RefundRow, LedgerKinds.Refund, refund, idempotencyKey))];
                    receipt = new PaymentReceipt(orderId, PaymentStatus.Refunded, refund);
                    break;
            }

            try
            {
                await _table.ExecuteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                return receipt;
            }
            catch (TableConflictException)
            {
                await Contention.BackoffAsync(attempt, $"refunding {orderId}", cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
