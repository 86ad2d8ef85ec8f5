using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Orders.Inventory;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;

namespace Serverless.Orders.Ordering;

/// <summary>
/// Places orders and delivers approval decisions. Placing is idempotent by <c>Idempotency-Key</c>: the order id is
/// derived from the key (so is the saga's instance id), the order row records the key and a fingerprint of the request,
/// and a repeated request finds the row instead of creating a second order. Invalid requests write nothing.
/// </summary>
public sealed partial class OrderService
{
    private readonly OrderStore _orders;
    private readonly InventoryStore _inventory;
    private readonly IPaymentGateway _gateway;
    private readonly DurableTaskClient _client;
    private readonly IOptions<OrdersOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OrderService> _logger;

    /// <summary>Creates the service.</summary>
    public OrderService(
        OrderStore orders,
        InventoryStore inventory,
        IPaymentGateway gateway,
        DurableTaskClient client,
        IOptions<OrdersOptions> options,
        TimeProvider timeProvider,
        ILogger<OrderService> logger)
    {
        _orders = orders;
        _inventory = inventory;
        _gateway = gateway;
        _client = client;
        _options = options;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Validates <paramref name="request"/>, prices it at the current unit prices, starts its saga and stores the order
    /// as <see cref="OrderStatus.Pending"/>. With an <paramref name="idempotencyKey"/>, a repeated call returns the
    /// first order instead of placing another. The saga is started before the order row is written and writes the row
    /// itself too, so a crash between the two steps leaves either nothing or an order that settles; never an order
    /// without a saga.
    /// </summary>
    public async Task<OrderPlacement> PlaceAsync(
        CreateOrderRequest request,
        string? idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var errors = OrderValidation.Validate(request, idempotencyKey, _gateway);
        if (errors.Count > 0)
        {
            return new OrderPlacement(OrderPlacementOutcome.Invalid, null, errors);
        }

        var lines = request.Items!.Select(l => (Sku: l!.Sku!, Quantity: l.Quantity!.Value)).ToList();
        var token = request.Payment!.Token!;
        var fingerprint = Fingerprint(request.CustomerId!, lines, token);
        // Time-ordered: the rows of orders in flight sit together in the store's indexes, so a commit dirties few
        // pages.
        var orderId = idempotencyKey is null
            ? "ord-" + Guid.CreateVersion7().ToString("N")
            : OrderIdFor(request.CustomerId!, idempotencyKey);
        if (idempotencyKey is not null
            && await FindKeyedAsync(orderId, request.CustomerId!, idempotencyKey, cancellationToken)
                .ConfigureAwait(false) is { } existing)
        {
            return Replay(existing.Order, existing.Fingerprint, fingerprint);
        }

        var items = new List<OrderItem>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            if (await _inventory.GetAsync(lines[i].Sku, cancellationToken).ConfigureAwait(false) is { } stock)
            {
                items.Add(new OrderItem(
                    lines[i].Sku,
                    lines[i].Quantity,
                    stock.UnitPrice,
                    lines[i].Quantity * stock.UnitPrice));
            }
            else
            {
                errors[$"items[{i}].sku"] = [$"There is no SKU '{lines[i].Sku}'."];
            }
        }

        if (errors.Count > 0)
        {
            return new OrderPlacement(OrderPlacementOutcome.Invalid, null, errors);
        }

        var input = new PlaceOrderInput(
            orderId,
            request.CustomerId!,
            items,
            items.Sum(i => i.LineTotal),
            token,
            PlaceOrderPolicy.From(_options.Value),
            _time.GetUtcNow(),
            idempotencyKey,
            fingerprint);
        var startedHere = true;
        try
        {
            await _client.ScheduleNewOrchestrationInstanceAsync(
                PlaceOrderOrchestrator.Name,
                input,
                StartOnce(orderId),
                cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // A concurrent request with the same key (or an earlier one that crashed before writing the row) started it
            // first.
            startedHere = false;
        }

        // Whoever started the saga first, its input is the order.
        var started = startedHere
            ? input
            : (await _client.GetInstanceAsync(
                orderId,
                getInputsAndOutputs: true,
                cancellationToken).ConfigureAwait(false))?.ReadInputAs<PlaceOrderInput>()
                ?? input;
        var (stored, storedFingerprint, _) = await _orders.CreateAsync(started, cancellationToken)
            .ConfigureAwait(false);
        var ours = started.PlacedAt == input.PlacedAt
            && string.Equals(started.Fingerprint, fingerprint, StringComparison.Ordinal);
        if (!ours)
        {
            return Replay(stored, storedFingerprint, fingerprint);
        }

        // The saga may already have moved the order on; the answer to placing it is the order as accepted.
        Logs.OrderPlaced(_logger, stored.OrderId, stored.Total, stored.Items.Count);
        return new OrderPlacement(OrderPlacementOutcome.Accepted, input.ToPendingOrder());
    }

    /// <summary>
    /// Decides an order awaiting approval: records the decision on the order (the first decision wins, the saga's
    /// timeout included) and delivers it to the saga. Repeating the decision that won delivers it once; any other is
    /// refused. A rejection's <paramref name="reason"/> is kept as the cancelled order's reason (ignored for an
    /// approval).
    /// </summary>
    public async Task<(ApprovalOutcome Outcome, Order? Order)> DecideAsync(
        string orderId,
        bool approve,
        string? reason,
        CancellationToken cancellationToken = default)
    {
        var order = await _orders.GetAsync(orderId, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return (ApprovalOutcome.NotFound, null);
        }

        if (order.Status == OrderStatus.AwaitingApproval
            && !await IsRunningAsync(orderId, cancellationToken).ConfigureAwait(false))
        {
            // Its saga can no longer take a decision; the reconciler cancels the order and releases its stock.
            return (ApprovalOutcome.OrchestrationEnded, order);
        }

        var decision = approve ? ApprovalDecision.Approved : ApprovalDecision.Rejected;
        var standing = await _orders.RecordDecisionAsync(orderId, decision, cancellationToken).ConfigureAwait(false);
        if (standing != decision)
        {
            var outcome = standing is null ? ApprovalOutcome.NotAwaitingApproval : ApprovalOutcome.AlreadyDecided;
            return (outcome, await _orders.GetAsync(orderId, cancellationToken).ConfigureAwait(false) ?? order);
        }

        // Recorded, then raised, then noted as delivered: repeating the decision raises it once more only if a crash
        // came between raising and noting (the saga waits for one decision and takes the first); the timeout defers to
        // a recorded decision. The SDK's raise has no event id, so this is where the dedupe lives, on every runtime.
        if (await _orders.IsDecisionDeliveredAsync(orderId, cancellationToken).ConfigureAwait(false))
        {
            return (ApprovalOutcome.Accepted, order);
        }

        var eventName = approve ? PlaceOrderOrchestrator.ApproveEvent : PlaceOrderOrchestrator.RejectEvent;
        object? payload = approve || reason is null ? null : new RejectEventPayload(reason);
        if (!await IsRunningAsync(orderId, cancellationToken).ConfigureAwait(false)
            || !await TryRaiseAsync(orderId, eventName, payload, cancellationToken).ConfigureAwait(false))
        {
            return (ApprovalOutcome.OrchestrationEnded, order);
        }

        await _orders.MarkDecisionDeliveredAsync(orderId, cancellationToken).ConfigureAwait(false);
        return (ApprovalOutcome.Accepted, order);
    }

    /// <summary>
    /// A customer's cancel: accepted until the order's payment is committed. Records the request on the order (where
    /// the saga's commit step arbitrates against it) and raises the saga's <c>cancel</c> event, so an order awaiting
    /// approval is compensated at once; the order ends <see cref="OrderStatus.Cancelled"/>. Idempotent: asking again
    /// answers the same (and raises the event again, which the saga, listening for one, ignores).
    /// </summary>
    public async Task<CancelRequest> CancelAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var request = await _orders.RequestCancelAsync(orderId, _time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        if (request.Outcome != CancelOutcome.Accepted)
        {
            return request;
        }

        // Recorded first, raised second: a crash in between leaves the request on the order, which the commit step
        // honours (or the reconciler, when the orchestration is gone). Raising to an ended orchestration is pointless,
        // and one that ends before the raise leaves the request to the same two.
        if (await IsRunningAsync(orderId, cancellationToken).ConfigureAwait(false))
        {
            await TryRaiseAsync(orderId, PlaceOrderOrchestrator.CancelEvent, payload: null, cancellationToken)
                .ConfigureAwait(false);
        }

        Logs.CancelRequested(_logger, orderId);
        return request;
    }

    /// <summary>
    /// The order id a customer's <c>Idempotency-Key</c> maps to: the same for the same customer and key, in every
    /// process. Keys are scoped per customer, as payment APIs scope them per account: another customer's use of the
    /// same key is another order, and learns nothing of the first.
    /// </summary>
    public static string OrderIdFor(string customerId, string idempotencyKey) =>
        KeyedOrderId("idempotency-key\n" + customerId + "\n" + idempotencyKey);

    // Orders placed before keys were scoped per customer took their id from the key alone: a retry of such a request
    // across the upgrade still finds its order (never another customer's), instead of placing and charging it again.
    private async Task<(Order Order, string? Fingerprint)?> FindKeyedAsync(
        string orderId,
        string customerId,
        string idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (await _orders.GetWithFingerprintAsync(orderId, cancellationToken).ConfigureAwait(false) is { } order)
        {
            return order;
        }

        var unscoped = await _orders.GetWithFingerprintAsync(
            KeyedOrderId("idempotency-key\n" + idempotencyKey),
            cancellationToken).ConfigureAwait(false);
        return unscoped is { } found && string.Equals(found.Order.CustomerId, customerId, StringComparison.Ordinal)
            ? found
            : null;
    }

    private static string KeyedOrderId(string text) =>
        "ord-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    // Every status refuses a second start: an order's saga runs once, whatever became of it.
    private static StartOrchestrationOptions StartOnce(string orderId) =>
        new StartOrchestrationOptions(orderId)
            .WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);

    private static OrderPlacement Replay(Order order, string? storedFingerprint, string fingerprint) =>
        new(
            string.Equals(storedFingerprint, fingerprint, StringComparison.Ordinal)
                ? OrderPlacementOutcome.Replayed
                : OrderPlacementOutcome.KeyReused,
            order);

    internal static string Fingerprint(string customerId, IEnumerable<(string Sku, int Quantity)> lines, string token)
    {
        var text = new StringBuilder().Append(customerId).Append('\n').Append(token);
        foreach (var (sku, quantity) in lines)
        {
            text.Append('\n').Append(sku).Append('\t').Append(quantity);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
