namespace Serverless.Orders.Tests.Support;

/// <summary>Polls a condition until it holds or a generous deadline passes; never a fixed sleep.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string because)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {because}; last value: {value}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Awaits a task the test expects to complete, failing (instead of hanging) past the deadline.</summary>
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
}
