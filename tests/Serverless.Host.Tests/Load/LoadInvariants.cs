using System.Text.Json;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Load;

/// <summary>
/// Checks a settled load run against the issue's invariants and reports every violation at once: each placed order
/// exists once and is Confirmed or Cancelled for a reason its token explains; per SKU no stock is negative, nothing
/// stays reserved, available + reserved + sold is the initial stock and sold is what the confirmed orders bought; per
/// order the money kept (charges − refunds, from the ledger) is its total when Confirmed and 0 when Cancelled; every
/// confirmed order published <c>OrderConfirmed</c>.
/// </summary>
public static class LoadInvariants
{
    public static async Task<LoadOutcome> VerifyAsync(
        LoadDriver driver,
        LoadPlan plan,
        List<OrderDto> orders,
        HostProcess host,
        bool allowDuplicateEvents)
    {
        var violations = new List<string>();
        var byId = orders.GroupBy(o => o.OrderId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        // Every order the clients got a 202 for exists, once, as placed; and nothing else exists.
        if (driver.Accepted.Count != plan.Orders.Count)
        {
            violations.Add($"{driver.Accepted.Count} of {plan.Orders.Count} orders were accepted.");
        }

        if (orders.Count != plan.Orders.Count)
        {
            violations.Add($"The host lists {orders.Count} orders; {plan.Orders.Count} were placed.");
        }

        violations.AddRange(byId.Where(g => g.Value.Count > 1).Select(g => $"Order {g.Key} is listed {g.Value.Count} " +
            $"times."));
        var acceptedIds = driver.Accepted.Values.ToHashSet(StringComparer.Ordinal);
        violations.AddRange(byId.Keys.Where(id => !acceptedIds.Contains(id)).Select(id => $"Order {id} exists but no " +
            $"client was given it."));

        var placed = new List<(PlannedOrder Plan, OrderDto Order)>();
        foreach (var planned in plan.Orders)
        {
            if (!driver.Accepted.TryGetValue(planned.Index, out var orderId))
            {
                continue;
            }

            if (!byId.TryGetValue(orderId, out var found))
            {
                violations.Add($"Order {planned.Index} was accepted as {orderId}, which does not exist.");
                continue;
            }

            var order = found[0];
            placed.Add((planned, order));
            var lines = order.Items.Select(i => new OrderLine(i.Sku, i.Quantity));
            if (order.CustomerId != planned.CustomerId || !lines.SequenceEqual(planned.Lines))
            {
                violations.Add($"Order {orderId} is not what was placed: {Json.Serialize(order)} vs {planned.Body}.");
            }

            if (ExplainOutcome(planned, order) is { } wrong)
            {
                violations.Add($"Order {orderId} ({planned.Token}, {planned.Decision}): {wrong}");
            }
        }

        // Stock per SKU.
        foreach (var sku in plan.Skus)
        {
            var level = await driver.GetStockAsync(sku.Sku);
            var sold = placed.Where(p => p.Order.Status == OrderStatuses.Confirmed)
                .SelectMany(p => p.Order.Items)
                .Where(i => i.Sku == sku.Sku)
                .Sum(i => (long)i.Quantity);
            if (level.Available < 0
                || level.Reserved != 0
                || level.Sold < 0
                || level.Total != sku.Stock
                || level.Sold != sold)
            {
                violations.Add($"SKU {Json.Serialize(level)}: expected available >= 0, reserved 0, available + " +
                    $"reserved + sold = {sku.Stock}, sold = {sold} (what the confirmed orders bought).");
            }
        }

        violations.AddRange(driver.StockViolations.Select(v => "Sampled during the run: " + v));

        // Money per order.
        var payments = await Task.WhenAll(placed.Select(p => driver.GetPaymentAsync(p.Order.OrderId)));
        for (var i = 0; i < placed.Count; i++)
        {
            var (_, order) = placed[i];
            var payment = payments[i];
            var expected = order.Status == OrderStatuses.Confirmed ? order.Total : 0m;
            if (payment.LedgerNet != expected
                || payment.NetAmount != expected
                || payment.Charges.Count() > 1
                || payment.Refunds.Count() > 1)
            {
                violations.Add($"Order {order.OrderId} is {order.Status} (total {order.Total}) but its payment is " +
                    $"{Json.Serialize(payment)}; expected net {expected}.");
            }
        }

        // OrderConfirmed, once per confirmed order (at least once when the host may have crashed between send and
        // marker). The host's FulfilOrder consumes the queue: once it is drained, each event published is the order's
        // one shipment (copies of an event share its id, so they add none) and whatever is left in the queue.
        var queued = await DrainedQueueAsync(host);
        var events = queued
            .Where(e => e.GetProperty("type").GetString() == "OrderConfirmed")
            .GroupBy(e => e.GetProperty("orderId").GetString()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (_, order) in placed)
        {
            if (await OrderEventsQueue.ShipmentOfAsync(host, order.OrderId) is not null)
            {
                events[order.OrderId] = events.GetValueOrDefault(order.OrderId) + 1;
            }
        }

        var confirmed = placed.Where(p => p.Order.Status == OrderStatuses.Confirmed)
            .Select(p => p.Order.OrderId)
            .ToHashSet(StringComparer.Ordinal);
        violations.AddRange(confirmed.Where(id => !events.ContainsKey(id)).Select(id => $"Confirmed order {id} " +
            $"published no OrderConfirmed event."));
        violations.AddRange(events.Keys.Where(id => !confirmed.Contains(id)).Select(id => $"OrderConfirmed was " +
            $"published for {id}, which is not Confirmed."));
        if (!allowDuplicateEvents)
        {
            violations.AddRange(events.Where(e => e.Value > 1).Select(e => $"OrderConfirmed was published {e.Value} " +
                $"times for {e.Key}."));
        }

        var outcome = new LoadOutcome(
            placed.Select(p => (p.Plan, p.Order)).ToList(),
            events.Values.Sum() - events.Count);
        if (violations.Count > 0)
        {
            throw host.Failure($"{violations.Count} invariant violation(s) " +
                $"({outcome}):\n{string.Join("\n", violations.Take(50))}");
        }

        return outcome;
    }

    /// <summary>Why the order's final state does not fit its plan, or <see langword="null"/> when it does.</summary>
    private static string? ExplainOutcome(PlannedOrder planned, OrderDto order)
    {
        if (!order.IsSettled)
        {
            return $"it is {order.Status}.";
        }

        if (order.Status == OrderStatuses.Confirmed)
        {
            return order.Reason is not null ? $"it is Confirmed with a reason: {order.Reason}"
                : planned.Token == Tokens.Decline ? "it is Confirmed although its card declines."
                : planned.Decision == Decision.Reject ? "it is Confirmed although it was rejected."
                : null;
        }

        var reason = order.Reason ?? string.Empty;
        if (reason.StartsWith("Out of stock", StringComparison.Ordinal))
        {
            return null;
        }

        return planned switch
        {
            { Token: Tokens.Decline } when reason.StartsWith("Payment declined", StringComparison.Ordinal) => null,
            { Decision: Decision.Reject } when reason.StartsWith("Rejected", StringComparison.Ordinal) => null,
            _ => $"it is Cancelled for '{reason}'.",
        };
    }

    // Waits (up to the settle deadline) until FulfilOrder has consumed every OrderConfirmed; returns what is left.
    private static async Task<List<System.Text.Json.JsonElement>> DrainedQueueAsync(HostProcess host)
    {
        var deadline = DateTime.UtcNow + HostClient.SettleDeadline;
        while (true)
        {
            if (await OrderEventsQueue.CountAsync(host) == 0)
            {
                return [];
            }

            if (DateTime.UtcNow > deadline)
            {
                return await OrderEventsQueue.ReadAsync(host);
            }

            await Task.Delay(100);
        }
    }
}
