using Serverless.Storage.Tables;

namespace Serverless.Orders.Ordering;

// Recovery and cancellation: the markers on the order row that arbitrate a customer's cancel against the saga's commit,
// the compensation being retried, and the reconciler's claim on an order whose orchestration ended without settling it.
public sealed partial class OrderStore
{
    /// <summary>
    /// The sequence the reconciler writes when it claims an order: above any the saga reaches, so a status change of
    /// the dead orchestration that is still in flight (an activity already queued) changes nothing afterwards.
    /// </summary>
    internal const int ReconcilerSequence = 1_000_000;

    private const string CommittedAtColumn = "committedAt";
    private const string CancelRequestedAtColumn = "cancelRequestedAt";
    private const string CompensationStepColumn = "compensationStep";
    private const string CompensationAttemptsColumn = "compensationAttempts";
    private const string CompensationErrorColumn = "compensationError";
    private const string CompensationSinceColumn = "compensationSince";
    private const int MaxErrorLength = 500;

    /// <summary>
    /// Records a customer's request to cancel the order, unless its payment was committed (<see cref="TryCommitAsync"/>
    /// won the race, under the row's ETag). Idempotent: asking again answers the same.
    /// </summary>
    public async Task<CancelRequest> RequestCancelAsync(
        string orderId,
        DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        CancelRequest? answer = null;
        var entity = await UpdateAsync(orderId, "recording a cancel request on", current =>
        {
            var order = ToOrder(current);
            if (order.Status == OrderStatus.Cancelled)
            {
                answer = new CancelRequest(CancelOutcome.AlreadyCancelled, order, null);
                return null;
            }

            if (current[CommittedAtColumn] is not null || order.Status == OrderStatus.Confirmed)
            {
                var committed = current[CommittedAtColumn] is null
                    ? order.UpdatedAt
                    : EntityValues.Time(current, CommittedAtColumn);
                answer = new CancelRequest(CancelOutcome.Committed, order, committed);
                return null;
            }

            answer = new CancelRequest(CancelOutcome.Accepted, order, null);
            return current[CancelRequestedAtColumn] is null
                ? current.With((CancelRequestedAtColumn, EntityValues.Format(at)))
                : null;
        }, cancellationToken).ConfigureAwait(false);
        return entity is null ? new CancelRequest(CancelOutcome.NotFound, null, null) : answer!;
    }

    /// <summary>
    /// The saga's point of no return: marks the order's payment committed unless a cancel was requested first (or the
    /// order is being undone); returns whether it may commit. Repeating it after it answered <see langword="true"/>
    /// answers the same.
    /// </summary>
    public async Task<bool> TryCommitAsync(
        string orderId,
        DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        var commit = true;
        await UpdateAsync(orderId, "committing", current =>
        {
            var status = ToOrder(current).Status;
            if (current[CancelRequestedAtColumn] is not null
                || status is OrderStatus.Cancelled or OrderStatus.Compensating)
            {
                commit = false;
                return null;
            }

            return current[CommittedAtColumn] is null
                ? current.With((CommittedAtColumn, EntityValues.Format(at)))
                : null;
        }, cancellationToken).ConfigureAwait(false);
        return commit;
    }

    /// <summary>
    /// Notes on the order that compensation <paramref name="step"/> failed with <paramref name="error"/> and moves it
    /// to <see cref="OrderStatus.Compensating"/> (its saga sequence unchanged, so the saga's final status still
    /// applies). Counts the attempts of one step; a final order is left alone.
    /// </summary>
    public Task RecordCompensationFailureAsync(
        string orderId,
        string step,
        string error,
        DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        UpdateAsync(orderId, "recording a failed compensation of", current =>
        {
            if (ToOrder(current).Status is OrderStatus.Cancelled or OrderStatus.Confirmed)
            {
                return null;
            }

            var same = string.Equals(current[CompensationStepColumn], step, StringComparison.Ordinal);
            var attempts = same ? EntityValues.Long(current, CompensationAttemptsColumn) + 1 : 1;
            return current.With(
                ("status", nameof(OrderStatus.Compensating)),
                (CompensationStepColumn, step),
                (CompensationAttemptsColumn, EntityValues.Format(attempts)),
                (CompensationErrorColumn, error.Length > MaxErrorLength ? error[..MaxErrorLength] : error),
                (CompensationSinceColumn, same ? current[CompensationSinceColumn] : EntityValues.Format(at)));
        }, cancellationToken);

    /// <summary>Clears the compensation on record (it succeeded); a no-op when there is none.</summary>
    public Task ClearCompensationAsync(string orderId, CancellationToken cancellationToken = default) =>
        UpdateAsync(orderId, "clearing the compensation of", current =>
            current[CompensationStepColumn] is null
                ? null
                : current.With(
                    (CompensationStepColumn, null),
                    (CompensationAttemptsColumn, null),
                    (CompensationErrorColumn, null),
                    (CompensationSinceColumn, null)),
            cancellationToken);

    /// <summary>
    /// Claims a non-final order for the reconciler: <see cref="OrderStatus.Compensating"/> with
    /// <paramref name="reason"/>, at <see cref="ReconcilerSequence"/>. Returns the order claimed (or claimed before),
    /// or <see langword="null"/> when it is missing or final: a final order is never touched.
    /// </summary>
    internal async Task<Order?> ClaimForReconciliationAsync(
        string orderId,
        string reason,
        DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        Order? claimed = null;
        await UpdateAsync(orderId, "claiming for reconciliation", current =>
        {
            var order = ToOrder(current);
            if (order.Status is OrderStatus.Cancelled or OrderStatus.Confirmed)
            {
                return null;
            }

            if (EntityValues.Long(current, "sequence") >= ReconcilerSequence)
            {
                claimed = order;
                return null;
            }

            claimed = order with { Status = OrderStatus.Compensating, Reason = reason, UpdatedAt = at };
            return current.With(
                ("status", nameof(OrderStatus.Compensating)),
                ("reason", reason),
                ("sequence", EntityValues.Format(ReconcilerSequence)),
                ("updatedAt", EntityValues.Format(at)));
        }, cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    private static CompensationProgress? CompensationOf(TableEntity entity) =>
        entity[CompensationStepColumn] is { } step
            ? new CompensationProgress(
                step,
                (int)EntityValues.Long(entity, CompensationAttemptsColumn),
                entity[CompensationErrorColumn] ?? string.Empty,
                EntityValues.Time(entity, CompensationSinceColumn))
            : null;

    // Read, change, replace under the ETag read; again on a lost race. Returns the row as read last (null: no such
    // order).
    private async Task<TableEntity?> UpdateAsync(
        string orderId,
        string what,
        Func<TableEntity,
        TableEntity?> change,
        CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await Table.GetAsync(orderId, OrderRow, cancellationToken).ConfigureAwait(false);
            if (entity is null || change(entity) is not { } changed)
            {
                return entity;
            }

            try
            {
                await Table.ReplaceAsync(changed, entity.ETag!, cancellationToken).ConfigureAwait(false);
                return changed;
            }
            catch (TableConflictException)
            {
                await Contention.BackoffAsync(attempt, $"{what} order {orderId}", cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }
}
