namespace Serverless.Host.Management;

/// <summary>One worker lease.</summary>
/// <param name="WorkerId">The worker.</param>
/// <param name="Machine">Its machine.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="StartedAt">When it took its first lease.</param>
/// <param name="RenewedAt">Its last heartbeat.</param>
/// <param name="ExpiresAt">When its lease runs out without another heartbeat.</param>
/// <param name="Live">Whether its lease still holds.</param>
/// <param name="Current">Whether it is the process that answered.</param>
/// <param name="HeldMessages">How many received messages it holds now.</param>
/// <param name="ClaimedActivities">
/// For the process that answered, how many activities it holds claims on now, running or waiting for a slot, instead
/// of sending them through their queues (on Azure Storage and DynamoDB + SQS); absent for other workers, which only
/// they know.
/// </param>
internal sealed record WorkerHealth(
    string WorkerId,
    string Machine,
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset RenewedAt,
    DateTimeOffset ExpiresAt,
    bool Live,
    bool Current,
    int HeldMessages,
    int? ClaimedActivities);
