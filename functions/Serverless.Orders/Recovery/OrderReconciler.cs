using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Saga.Activities;

namespace Serverless.Orders.Recovery;

/// <summary>
/// Keeps orders and their orchestrations in agreement. An order that is not final while its orchestration is
/// terminated, failed, completed or missing (purged) is compensated (its charge refunded, its stock released: the
/// saga's own idempotent operations) and cancelled with a reason that says what happened. A live orchestration
/// (pending, running, suspended) is never compensated under it; a final order (confirmed, cancelled) is never touched.
/// </summary>
/// <remarks>
/// Why cancel, not restart: an order's saga is started before its order row is written, so an order row always has had
/// an orchestration; one that is missing was purged (or its store lost), and what it did (a charge, a reservation) is
/// only known to the domain, which the compensations undo whatever the stage. Steps are crash-safe: the order is first
/// claimed (<see cref="OrderStatus.Compensating"/>, under its ETag, at a sequence above any the saga writes, so late
/// activities of the dead orchestration cannot move it), then compensated, then cancelled; a pass interrupted anywhere
/// is finished by the next one.
/// </remarks>
public sealed class OrderReconciler : IDisposable
{
    private static readonly OrderStatus[] NonFinal = [
        OrderStatus.Pending,
        OrderStatus.AwaitingApproval,
        OrderStatus.Compensating];

    private readonly OrderStore _orders;
    private readonly InventoryStore _inventory;
    private readonly IPaymentGateway _gateway;
    private readonly ReconciliationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OrderReconciler> _logger;
    private readonly Dictionary<OrderStatus, string?> _cursors = [];
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>Creates the reconciler.</summary>
    public OrderReconciler(
        OrderStore orders,
        InventoryStore inventory,
        IPaymentGateway gateway,
        IOptions<OrdersOptions> options,
        TimeProvider timeProvider,
        ILogger<OrderReconciler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _orders = orders;
        _inventory = inventory;
        _gateway = gateway;
        _options = options.Value.Reconciliation;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// One pass: reads up to <see cref="ReconciliationOptions.BatchSize"/> orders of each non-final status (going on
    /// where the previous pass stopped), and reconciles those unchanged for the grace period whose orchestration has
    /// ended. Returns how many orders it cancelled. An order whose compensation fails stays
    /// <see cref="OrderStatus.Compensating"/> (with the failure on the order) and is retried on a later pass.
    /// </summary>
    public async Task<int> ReconcileAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cancelled = 0;
            var settled = _time.GetUtcNow() - _options.GracePeriod;
            foreach (var status in NonFinal)
            {
                var page = await _orders.ListAsync(
                    status,
                    _options.BatchSize,
                    _cursors.GetValueOrDefault(status),
                    cancellationToken)
                    .ConfigureAwait(false);
                _cursors[status] = page.ContinuationToken;
                foreach (var order in page.Items.Where(o => o.UpdatedAt <= settled))
                {
                    try
                    {
                        cancelled += await ReconcileAsync(client, order.OrderId, cancellationToken)
                            .ConfigureAwait(false)
                            ? 1
                            : 0;
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        Logs.ReconcileFailed(_logger, exception, order.OrderId);
                    }
                }
            }

            return cancelled;
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>Reconciles one order; returns whether it cancelled it.</summary>
    public async Task<bool> ReconcileAsync(
        DurableTaskClient client,
        string orderId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(orderId, getInputsAndOutputs: true, cancellationToken)
            .ConfigureAwait(false);
        if (ReasonFor(instance) is not { } reason)
        {
            return false;
        }

        // Read after the orchestration was seen ended: the saga writes an order's final status before it completes.
        if (await _orders.ClaimForReconciliationAsync(
            orderId,
            reason,
            _time.GetUtcNow(),
            cancellationToken).ConfigureAwait(false) is not { } claimed)
        {
            return false;
        }

        Logs.Reconciling(_logger, orderId, claimed.Reason ?? reason);
        // The saga's compensations, in its order (refund, then release), through the same idempotent operations and
        // keys.
        await TrackedCompensation.RunAsync(
            _orders,
            _time,
            orderId,
            SagaActivities.RefundPayment,
            () => _gateway.RefundAsync(
                orderId,
                claimed.Total,
                RefundPaymentActivity.RefundKey(orderId),
                cancellationToken),
            cancellationToken)
            .ConfigureAwait(false);
        await TrackedCompensation.RunAsync<object?>(_orders, _time, orderId, SagaActivities.ReleaseStock, async () =>
        {
            await _inventory.ReleaseAsync(orderId, claimed.Items.Select(i => i.Sku), cancellationToken)
                .ConfigureAwait(false);
            return null;
        }, cancellationToken).ConfigureAwait(false);
        await _orders.TransitionAsync(
            orderId,
            OrderStatus.Cancelled,
            claimed.Reason ?? reason,
            OrderStore.ReconcilerSequence + 1,
            _time.GetUtcNow(),
            cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _pass.Dispose();

    private static string? ReasonFor(OrchestrationMetadata? instance) => instance?.RuntimeStatus switch
    {
        null => CancellationReasons.OrchestrationNotFound,
        OrchestrationRuntimeStatus.Terminated =>
            CancellationReasons.OrchestrationTerminated(TextOf(instance.SerializedOutput)),
        OrchestrationRuntimeStatus.Failed =>
            CancellationReasons.OrchestrationFailed(instance.FailureDetails?.ErrorMessage),
        OrchestrationRuntimeStatus.Completed => CancellationReasons.OrchestrationCompletedUnsettled,
        _ => null,
    };

    // A termination reason is stored serialized: show a JSON string as its text, anything else as it is.
    private static string? TextOf(string? serialized)
    {
        if (string.IsNullOrWhiteSpace(serialized))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(serialized);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.String => document.RootElement.GetString(),
                JsonValueKind.Null => null,
                _ => serialized,
            };
        }
        catch (JsonException)
        {
            return serialized;
        }
    }
}
