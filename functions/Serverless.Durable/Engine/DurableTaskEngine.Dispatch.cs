using System.Text.Json;
using Serverless.Durable.Serialization;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

public sealed partial class DurableTaskEngine
{
    /// <summary>Sends every message of a committed outbox row, then deletes the row. A crash in between resends: every target is idempotent.</summary>
    private async Task DispatchAsync(TableEntity outbox, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var message in JsonSerializer.Deserialize(outbox["Messages"]!, DurableJsonContext.Default.ListOutboxMessage)!)
        {
            await DispatchAsync(message, now, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _hub.Instances.ExecuteBatchAsync([TableOperation.Delete(outbox.PartitionKey, outbox.RowKey)], cancellationToken).ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            // Another worker dispatched and deleted it too.
        }
    }

    private Task DispatchAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (message.Kind)
        {
            case OutboxMessageKind.Send when message.Queue is null:
                return _hub.WakeAsync(message.Body!, now, message.VisibleAt, cancellationToken);
            case OutboxMessageKind.Send:
                return _hub.Queue(message.Queue).SendAsync(message.Body!, null, cancellationToken);
            case OutboxMessageKind.Deliver:
                return _hub.DeliverAsync(new InboxRow(message.InstanceId!, message.InboxKey!, message.ExecutionId!, message.Event!, now), now, cancellationToken);
            case OutboxMessageKind.Start:
                var pending = new InstanceRow(message.InstanceId!, message.Name!, Guid.NewGuid().ToString("N"), OrchestrationStatus.Pending)
                {
                    Input = message.Input,
                    CreatedAt = now,
                    LastUpdatedAt = now,
                    NextWakeAt = now,
                    Parent = message.Parent,
                };
                return _hub.StartAsync(pending, cancellationToken);
            default:
                throw new InvalidOperationException($"Unknown outbox message kind {message.Kind}.");
        }
    }
}
