namespace Serverless.Storage.Tests.Queues;

/// <summary>How long a test waits for something it expects before failing instead of hanging; never a sleep.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static Task WithDeadline(this Task task) => task.WaitAsync(Default);

    public static Task<T> WithDeadline<T>(this Task<T> task) => task.WaitAsync(Default);
}
