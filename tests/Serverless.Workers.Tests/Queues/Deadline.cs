namespace Serverless.Workers.Tests.Queues;

/// <summary>How long a test waits for something it expects before failing instead of hanging; never a sleep.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static Task WithDeadline(this Task task) => task.WaitAsync(Default);

    public static Task<T> WithDeadline<T>(this Task<T> task) => task.WaitAsync(Default);

    /// <summary>Asks <paramref name="probe"/> again, yielding between tries, until it answers something; fails past the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var deadline = new CancellationTokenSource(Default);
        while (true)
        {
            if (await probe() is { } answer)
            {
                return answer;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), deadline.Token);
        }
    }
}
