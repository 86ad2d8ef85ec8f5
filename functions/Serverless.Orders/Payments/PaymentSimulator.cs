using Serverless.Storage;
using Serverless.Storage.Tables;

namespace Serverless.Orders.Payments;

/// <summary>
/// The embedded payment gateway: a simulator driven by <see cref="TestTokens"/> that keeps a durable ledger. Each order
/// is one partition of the <c>Payments</c> table: a <c>payment</c> row (status, amount, attempts) and one ledger row
/// per money movement (<c>ledger:1-charge</c>, <c>ledger:2-refund</c>). A movement and the status change it causes are
/// written in one atomic batch guarded by the payment row's ETag, and a ledger row can only be inserted once, so no
/// race or repeated call moves money twice. Attempts of <c>tok_transient</c> are counted in the payment row, so the
/// count survives restarts.
/// </summary>
public sealed partial class PaymentSimulator : IPaymentGateway
{
    /// <summary>The table's name.</summary>
    public const string TableName = "Payments";

    internal const string PaymentRow = "payment";
    internal const string ChargeRow = "ledger:1-charge";
    internal const string RefundRow = "ledger:2-refund";

    private readonly ITable _table;
    private readonly TimeProvider _time;
    private readonly PaymentSimulatorOptions _options;
    private readonly Lazy<Task> _created;

    /// <summary>Creates the simulator over <paramref name="storage"/>.</summary>
    public PaymentSimulator(
        IStorageProvider storage,
        PaymentSimulatorOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        _table = storage.GetTable(TableName);
        _options = options ?? new PaymentSimulatorOptions();
        _time = timeProvider ?? TimeProvider.System;
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync().AsTask());
    }

    /// <inheritdoc />
    public bool AcceptsToken(string token) => TestTokens.All.Contains(token, StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<PaymentRecord?> GetAsync(string orderId, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var rows = await _table.QueryPartitionAsync(orderId, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var payment = rows.FirstOrDefault(r => r.RowKey == PaymentRow);
        if (payment is null)
        {
            return null;
        }

        var ledger = rows
            .Where(r => r.RowKey.StartsWith("ledger:", StringComparison.Ordinal))
            .Select(r => new LedgerEntry(r["kind"]!, EntityValues.Decimal(r, "amount"), EntityValues.Time(r, "at")))
            .ToList();
        var net = ledger.Sum(e => e.Kind == LedgerKinds.Charge ? e.Amount : -e.Amount);
        var charged = ledger.Where(e => e.Kind == LedgerKinds.Charge).Sum(e => e.Amount);
        return new PaymentRecord(orderId, Status(payment), charged, net, ledger);
    }

    private TableEntity Ledger(string orderId, string rowKey, string kind, decimal amount, string idempotencyKey) =>
        EntityValues.New(
            orderId,
            rowKey,
            ("kind", kind),
            ("amount", EntityValues.Format(amount)),
            ("idempotencyKey", idempotencyKey),
            ("at", EntityValues.Format(_time.GetUtcNow())));

    private TableEntity PaymentEntity(
        string orderId,
        TableEntity? current,
        params ReadOnlySpan<(string Name, string? Value)> changes) =>
        (current ?? EntityValues.New(orderId, PaymentRow, ("status", nameof(PaymentStatus.None))))
            .With(changes)
            .With(("updatedAt", EntityValues.Format(_time.GetUtcNow())));

    // Insert when the row is new, else replace guarded by the ETag read: either way a racing writer makes the batch
    // fail.
    private static TableOperation Write(TableEntity? current, TableEntity next) =>
        current is null ? TableOperation.Insert(next) : TableOperation.Replace(next, current.ETag!);

    private static PaymentStatus Status(TableEntity payment) => Enum.Parse<PaymentStatus>(payment["status"]!);
}
