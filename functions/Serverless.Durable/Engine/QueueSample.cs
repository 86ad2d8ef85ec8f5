namespace Serverless.Durable.Engine;

/// <summary>One reading of a queue for the queue gauges of <see cref="DurableMetrics"/>.</summary>
/// <param name="Queue">The queue.</param>
/// <param name="Ready">Messages visible when read.</param>
/// <param name="Scheduled">Messages due later or hidden by a receive when read.</param>
/// <param name="OldestReadyAgeSeconds">How long the longest-waiting ready message had waited; 0 when none.</param>
internal sealed record QueueSample(string Queue, long Ready, long Scheduled, double OldestReadyAgeSeconds);
