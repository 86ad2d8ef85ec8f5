namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>Terminates the scenario's instance.</summary>
/// <param name="Output">The termination output (serialized by the runtime's data converter).</param>
/// <param name="When">When the instance is terminated.</param>
public sealed record TerminateStep(object? Output, StepTrigger When) : ScenarioStep(When);
