using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;
using Serverless.Workers.Queues;

namespace Serverless.Workers.Tests.Queues;

/// <summary>
/// A pump on SQS (fauxqs, real time) long-polls: its idle waits are spent in the receives, which return as soon as a
/// message is there, so an idle queue costs few receives and a message from another process is not left waiting.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class SqsQueuePumpTests(DynamoDbLocalFixture dynamoDb, FauxqsFixture sqs)
{
    private const string Queue = "work";

    [Fact]
    public async Task An_idle_pump_sends_few_receives_each_waiting_on_SQS_as_long_as_the_queue_was_empty()
    {
        using var counter = new StorageRequestCounter("aws");
        var queue = AwsStorage.CreateProvider(dynamoDb, sqs, counter: counter).GetQueue(Queue);
        await queue.CreateIfNotExistsAsync();

        // Five seconds of real time on the default back-off: receives waiting 1 s, then 2, then 4 (rounded up from as
        // long as the queue was empty plus 10 ms), the last one cut short by the stop. Short polls: 9 receives.
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Pump(queue, (_, _) => Task.CompletedTask, new QueuePumpOptions()).RunAsync(window.Token)
            .WithDeadline();

        Assert.InRange(Receives(counter), 1, 4);
    }

    [Fact]
    public async Task A_message_sent_by_another_process_while_the_pump_waits_is_handed_out_by_that_receive()
    {
        using var counter = new StorageRequestCounter("aws");
        var prefix = AwsStorage.UniquePrefix();
        var queue = AwsStorage.CreateProvider(dynamoDb, sqs, queuePrefix: prefix, counter: counter).GetQueue(Queue);
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopping = new CancellationTokenSource();
        var run = Pump(
            queue,
            (message, _) => Task.FromResult(handled.TrySetResult(message.Body)),
            Waiting(TimeSpan.FromSeconds(20))).RunAsync(stopping.Token);
        await Eventually.TrueAsync(() => Receives(counter) == 1, "the pump's first receive waits on SQS");

        // No signal reaches the pump: the message comes from another provider, as from another process.
        await AwsStorage.CreateProvider(dynamoDb, sqs, queuePrefix: prefix).GetQueue(Queue).SendAsync("from afar");

        // Well before the 20 s wait ends: the receive that was waiting handed it out (a pump that waited on its clock
        // would receive again only then); the pump has since sent the next receive at most.
        Assert.Equal("from afar", await handled.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.InRange(Receives(counter), 1, 2);
        await stopping.CancelAsync();
        await run.WithDeadline();
    }

    [Fact]
    public async Task Stopping_the_pump_ends_its_wait_on_SQS_at_once()
    {
        using var counter = new StorageRequestCounter("aws");
        var queue = AwsStorage.CreateProvider(dynamoDb, sqs, counter: counter).GetQueue(Queue);
        using var stopping = new CancellationTokenSource();
        var run = Pump(queue, (_, _) => Task.CompletedTask, Waiting(TimeSpan.FromSeconds(20))).RunAsync(stopping.Token);
        await Eventually.TrueAsync(() => Receives(counter) == 1, "the pump's first receive waits on SQS");

        await stopping.CancelAsync();

        // Well before the 20 s wait would end.
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, Receives(counter));
    }

    private static QueuePump Pump(
        IQueue queue,
        Func<QueueMessage, CancellationToken, Task> handler,
        QueuePumpOptions options) =>
        new(queue, handler, options);

    private static QueuePumpOptions Waiting(TimeSpan wait) =>
        new() { MinPollingInterval = wait, MaxPollingInterval = wait };

    private static long Receives(StorageRequestCounter counter) =>
        counter.Snapshot().GetValueOrDefault(StorageOperationKinds.QueueReceive);
}
