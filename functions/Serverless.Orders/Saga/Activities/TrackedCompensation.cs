using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga.Activities;

/// <summary>
/// Runs a compensation so people can see it fail: each failed attempt is noted on the order (step, attempts, last
/// error), and the note is cleared once an attempt succeeds. Used by the saga's compensation activities and by the
/// reconciler.
/// </summary>
internal static class TrackedCompensation
{
    public static async Task<T> RunAsync<T>(
        OrderStore orders,
        TimeProvider time,
        string orderId,
        string step,
        Func<Task<T>> compensate,
        CancellationToken cancellationToken = default)
    {
        T result;
        try
        {
            result = await compensate().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await orders.RecordCompensationFailureAsync(
                orderId,
                step,
                exception.Message,
                time.GetUtcNow(),
                cancellationToken)
                .ConfigureAwait(false);
            throw;
        }

        await orders.ClearCompensationAsync(orderId, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
