namespace Serverless.Orders.Ordering;

/// <summary>
/// A compensation that failed and is being retried: shown on the order and as its orchestration's custom status.
/// </summary>
/// <param name="Step">The compensation being retried (an activity name, such as <c>RefundPayment</c>).</param>
/// <param name="Attempts">How many attempts have failed so far.</param>
/// <param name="LastError">The last attempt's error.</param>
/// <param name="Since">When its first attempt failed.</param>
public sealed record CompensationProgress(string Step, int Attempts, string LastError, DateTimeOffset Since);
