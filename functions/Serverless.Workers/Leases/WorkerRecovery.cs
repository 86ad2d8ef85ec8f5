namespace Serverless.Workers.Leases;

/// <summary>What one check did about one worker found dead.</summary>
/// <param name="WorkerId">The dead worker.</param>
/// <param name="Reason">Why it was judged dead: its lease expired, its process exited, or it held messages without a
/// lease.</param>
/// <param name="Released">How many of its messages were made visible again.</param>
public sealed record WorkerRecovery(string WorkerId, string Reason, int Released);
