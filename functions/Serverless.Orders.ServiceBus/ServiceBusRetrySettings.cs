namespace Serverless.Orders.ServiceBus;

/// <summary>How <see cref="ServiceBusEventPublisher"/> retries transient send failures.</summary>
public sealed class ServiceBusRetrySettings
{
    /// <summary>Attempts in all, the first included (default 4).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the second attempt (default 200 ms), doubled each time.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait (default 5 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
