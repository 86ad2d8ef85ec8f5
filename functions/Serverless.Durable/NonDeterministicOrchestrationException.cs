namespace Serverless.Durable;

/// <summary>
/// The orchestrator's code, replayed over its history, did something other than what the history records — usually
/// because the code changed incompatibly while instances were in flight. The instance fails with this error.
/// </summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
