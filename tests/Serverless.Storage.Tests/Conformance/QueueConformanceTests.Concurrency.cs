using System.Collections.Concurrent;
using Serverless.Storage.Queues;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

public abstract partial class QueueConformanceTests
{
    [Fact]
    public async Task Parallel_receivers_never_share_a_message_and_together_receive_all_of_them()
    {
        var sent = Enumerable.Range(0, 200).Select(i => $"m{i:D3}").ToList();
        foreach (var body in sent)
        {
            await Queue.SendAsync(body);
        }

        // The clock stands still, so nothing handed out reappears: a receiver stops once the queue shows it nothing.
        var received = new ConcurrentBag<QueueMessage>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (await Queue.ReceiveAsync(5, VisibilityTimeout) is { Count: > 0 } batch)
            {
                foreach (var message in batch)
                {
                    received.Add(message);
                }
            }
        })));

        Assert.Equal(sent, received.Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.All(received, message => Assert.Equal(1, message.DequeueCount));
    }

    [Fact]
    public async Task Parallel_senders_lose_no_message()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await Queue.SendAsync($"{sender}-{i}");
            }
        })));

        Assert.Equal(100, await Queue.CountAsync());
    }
}
