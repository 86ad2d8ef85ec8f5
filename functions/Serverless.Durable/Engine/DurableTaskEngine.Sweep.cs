using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

public sealed partial class DurableTaskEngine
{
    /// <summary>
    /// Wakes every instance whose due time passed more than <see cref="DurableTaskOptions.SweepGrace"/> ago without an
    /// episode: a start whose wake-up was lost to a crash, a timer further out than a queue message can be delayed, or a
    /// wake-up that ended in the poison queue. Returns how many instances it woke. Waking an instance that has nothing
    /// to do is harmless.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var due = new PropertyFilter("NextWakeAt", FilterOperator.LessThanOrEqual, Timestamps.Format(now - _options.SweepGrace));
        var woken = 0;
        string? continuation = null;
        do
        {
            var page = await _hub.Instances.QueryAsync(
                new TableQuery { RowKey = RowKeys.Instance, Filters = [due], Top = 500, ContinuationToken = continuation },
                cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Items)
            {
                await _hub.WakeAsync(instance.PartitionKey, now, cancellationToken: cancellationToken).ConfigureAwait(false);
                woken++;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        if (woken > 0)
        {
            Logs.SweepWoke(_logger, woken);
        }

        return woken;
    }
}
