using Microsoft.Azure.Functions.Worker;
using Serverless.Orders.Fulfilment;

namespace Serverless.Functions.Fulfilment;

/// <summary>
/// <c>FulfilOrder</c>: each <c>OrderConfirmed</c> on the <c>order-events</c> queue becomes one shipment. A throw leaves
/// the message to the Functions host, which retries it and, after host.json's <c>maxDequeueCount</c>, moves it to
/// <c>order-events-poison</c>.
/// </summary>
public sealed class FulfilOrderFunction(FulfilmentService fulfilment)
{
    /// <summary>Handles one message.</summary>
    [Function(FulfilmentService.FunctionName)]
    public Task RunAsync(
        [QueueTrigger(FulfilmentService.QueueName)] string message,
        CancellationToken cancellationToken) =>
        fulfilment.FulfilAsync(message, cancellationToken);
}
