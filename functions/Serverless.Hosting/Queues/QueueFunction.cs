using Microsoft.Extensions.DependencyInjection;
using Serverless.Http;
using Serverless.Storage.Queues;

namespace Serverless.Hosting.Queues;

/// <summary>
/// A queue-triggered function: <see cref="Handler"/> runs once per message of <see cref="QueueName"/>. Returning
/// completes the message (unless the handler completed it in its own write: <see cref="QueueTrigger.MarkCompleted"/>);
/// throwing abandons it for a retry with back-off, and after the queue's maximum dequeue count the message goes to
/// <c>&lt;queue&gt;-poison</c>. Delivery is at least once, so the handler must be idempotent.
/// </summary>
public sealed class QueueFunction
{
    /// <summary>
    /// Declares a queue function; prefer <see cref="QueueFunctionServiceCollectionExtensions.AddQueueFunction"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The function or queue name is invalid.</exception>
    public QueueFunction(
        string name,
        string queueName,
        Func<IServiceProvider,
        QueueTrigger,
        CancellationToken,
        Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Name = FunctionNames.Validate(name, nameof(name));
        QueueName = Storage.StorageNames.ValidateQueue(queueName);
        Handler = handler;
    }

    /// <summary>The function's name, unique across all functions.</summary>
    public string Name { get; }

    /// <summary>The queue that triggers it.</summary>
    public string QueueName { get; }

    /// <summary>
    /// Runs one message with a scoped service provider. The token is cancelled only when the host's shutdown timeout
    /// runs out; the message has then already been returned to the queue.
    /// </summary>
    public Func<IServiceProvider, QueueTrigger, CancellationToken, Task> Handler { get; }

    /// <summary>
    /// Runs <see cref="Handler"/> on <paramref name="delivery"/> in a scope of its own and returns whether the handler
    /// completed the message in its own write (<see cref="QueueTrigger.MarkCompleted"/>): how a poller or a Lambda
    /// batch runs the function.
    /// </summary>
    public async Task<bool> InvokeAsync(
        IServiceProvider services,
        QueueCompletion delivery,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var message = delivery.Message;
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var trigger = new QueueTrigger(message.MessageId, message.Body, message.DequeueCount, message.InsertedAt)
            {
                Completion = delivery,
            };
            await Handler(scope.ServiceProvider, trigger, cancellationToken).ConfigureAwait(false);
            return trigger.IsCompleted;
        }
    }
}
