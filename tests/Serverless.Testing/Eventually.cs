using Xunit;

namespace Serverless.Testing;

/// <summary>
/// Waits for what a test expects: polls a condition until it holds, or awaits a task, and fails with the reason once
/// <see cref="Deadline"/> passes. Never a fixed sleep: a passing test waits only as long as the condition takes.
/// </summary>
public static class Eventually
{
    /// <summary>How long a test waits before failing instead of hanging. Generous: only failing tests pay it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls <paramref name="condition"/> until it returns true.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {Deadline.TotalSeconds:0} s waiting until {because}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it returns true.</summary>
    public static Task TrueAsync(Func<bool> condition, string because) =>
        TrueAsync(() => Task.FromResult(condition()), because);

    /// <summary>Reads a value until <paramref name="done"/> accepts it, and returns it.</summary>
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
                Assert.Fail(
                    $"Timed out after {Deadline.TotalSeconds:0} s waiting until {because}; last value: {value}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Asks <paramref name="probe"/> until it answers something, and returns the answer.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string because = "the probe answers")
        where T : class
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (await probe() is { } answer)
            {
                return answer;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {Deadline.TotalSeconds:0} s waiting until {because}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Awaits a task the test expects to complete, failing (instead of hanging) past the deadline.</summary>
    public static async Task<T> WithDeadline<T>(this Task<T> task, string because = "the task completes")
    {
        try
        {
            return await task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {Deadline.TotalSeconds:0} s waiting until {because}.");
            throw;
        }
    }

    /// <summary>Awaits a task the test expects to complete, failing (instead of hanging) past the deadline.</summary>
    public static async Task WithDeadline(this Task task, string because = "the task completes")
    {
        try
        {
            await task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {Deadline.TotalSeconds:0} s waiting until {because}.");
            throw;
        }
    }
}
