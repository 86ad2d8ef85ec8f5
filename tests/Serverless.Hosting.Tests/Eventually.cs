namespace Serverless.Hosting.Tests;

/// <summary>Polls a condition until it holds or a generous deadline passes; never a fixed sleep.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {because}.");
            }

            await Task.Delay(10);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string because) => TrueAsync(() => Task.FromResult(condition()), because);

    /// <summary>Awaits a task that the test expects to complete, failing (instead of hanging) past the deadline.</summary>
    public static async Task<T> WithDeadline<T>(this Task<T> task, string because)
    {
        try
        {
            return await task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting until {because}.");
            throw;
        }
    }

    public static async Task WithDeadline(this Task task, string because)
    {
        try
        {
            await task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting until {because}.");
            throw;
        }
    }
}
