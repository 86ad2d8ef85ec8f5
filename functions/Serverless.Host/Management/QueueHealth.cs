namespace Serverless.Host.Management;

/// <summary>One work queue.</summary>
/// <param name="Name">The queue.</param>
/// <param name="Depth">Messages in it, waiting or being handled (approximate on Azure Storage).</param>
/// <param name="OldestMessageAgeSeconds">Age of the oldest message waiting to be received; <see langword="null"/> when
/// none waits.</param>
/// <param name="PoisonCount">Messages in its poison queue.</param>
internal sealed record QueueHealth(string Name, int Depth, double? OldestMessageAgeSeconds, int PoisonCount);
