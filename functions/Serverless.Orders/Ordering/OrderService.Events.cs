using Microsoft.DurableTask.Client;

namespace Serverless.Orders.Ordering;

/// <summary>Raising the saga's events (approve, reject, cancel) to an orchestration that may end at any time.</summary>
public sealed partial class OrderService
{
    private async Task<bool> IsRunningAsync(string orderId, CancellationToken cancellationToken) =>
        await _client.GetInstanceAsync(orderId, cancellationToken).ConfigureAwait(false) is { IsCompleted: false };

    /// <summary>
    /// Raises <paramref name="eventName"/> to the order's saga, which was running a moment ago. False when the saga
    /// ended in between: the engine drops such an event, but Durable Functions' client throws (from its gRPC client an
    /// <c>RpcException</c>: <c>FailedPrecondition</c> "The orchestration instance with the provided instance id is not
    /// running.", <c>NotFound</c> once purged, <c>Unknown</c> on older extensions). Whatever was thrown, a saga that no
    /// longer runs is the answer; the exception is rethrown only while the saga still runs (the raise itself failed).
    /// </summary>
    private async Task<bool> TryRaiseAsync(
        string orderId,
        string eventName,
        object? payload,
        CancellationToken cancellationToken)
    {
        try
        {
            await _client.RaiseEventAsync(orderId, eventName, payload, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (await IsRunningAsync(orderId, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            Logs.RaiseFoundSagaEnded(_logger, exception, orderId, eventName);
            return false;
        }
    }
}
