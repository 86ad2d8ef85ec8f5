using System.Collections.Concurrent;

namespace Serverless.Orders.Inventory;

/// <summary>
/// Lets one read-modify-write of a SKU's stock row run at a time in this process. The ETag still guards against other
/// processes; this only keeps this process's own writers from racing each other for a hot SKU, where every race has one
/// winner and the losers read, write and back off again for nothing.
/// </summary>
internal sealed class SkuGates
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits for <paramref name="sku"/>'s turn; dispose the result to pass it on.</summary>
    public async Task<Turn> EnterAsync(string sku, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(sku, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(gate);
    }

    /// <summary>One holder's turn at a SKU.</summary>
    public readonly struct Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
