namespace Serverless.Durable;

/// <summary>
/// Thrown inside an orchestrator when an activity or sub-orchestration it awaited failed. The original error's type and
/// message are in <see cref="FailureDetails"/> (the original exception object does not survive serialization).
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for the task <paramref name="taskName"/> with id <paramref name="taskId"/>.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The activity or sub-orchestrator name.</summary>
    public string TaskName { get; }

    /// <summary>The task's sequence number within the orchestration's execution.</summary>
    public int TaskId { get; }

    /// <summary>The recorded failure.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
