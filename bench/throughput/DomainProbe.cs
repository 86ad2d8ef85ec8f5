using Serverless.Orders.Inventory;
using Serverless.Orders.Payments;

namespace Serverless.Bench.Throughput;

/// <summary>
/// The comparison's end state, read from its in-process stores (what the host's HTTP API reads on the host).
/// </summary>
internal sealed class DomainProbe(InventoryStore inventory, IPaymentGateway payments, IReadOnlyList<string> skus)
    : IOrdersProbe
{
    public IReadOnlyList<string> Skus => skus;

    public async Task<StockView> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        var level = await inventory.GetAsync(sku, cancellationToken)
            ?? throw new InvalidOperationException($"No stock row for {sku}.");
        return new StockView(level.Sku, level.Available, level.Reserved, level.Sold, level.UnitPrice);
    }

    public async Task<PaymentView> GetPaymentAsync(string orderId, CancellationToken cancellationToken)
    {
        var record = await payments.GetAsync(orderId, cancellationToken) ?? PaymentRecord.Empty(orderId);
        return new PaymentView(record.OrderId, record.Status.ToString(), record.Amount, record.NetAmount,
            record.Ledger.Select(e => new LedgerEntryView(e.Kind, e.Amount)).ToList());
    }
}
