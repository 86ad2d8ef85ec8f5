using Serverless.Storage;

namespace Serverless.Orders;

/// <summary>
/// Back-off between the attempts of an optimistic (ETag-guarded) read-modify-write that lost a race. Each round of a
/// race has a winner, so contention always drains; the cap only turns a storage fault that looks like a conflict into
/// an error instead of a spin.
/// </summary>
internal static class Contention
{
    public const int MaxAttempts = 500;

    public static async Task BackoffAsync(int attempt, string what, CancellationToken cancellationToken)
    {
        if (attempt >= MaxAttempts)
        {
            throw new StorageException($"Gave up {what} after {attempt} conflicting writes.");
        }

        // Jitter spreads the losers out so the next round has fewer contenders. Not a timing contract.
#pragma warning disable CA5394 // Random for jitter, not for security.
        var milliseconds = Random.Shared.Next(0, Math.Min(20, 1 << Math.Min(attempt, 5)) + 1);
#pragma warning restore CA5394
        if (milliseconds == 0)
        {
            await Task.Yield();
        }
        else
        {
            await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
        }
    }
}
