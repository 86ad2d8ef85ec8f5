namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>Raises an external event on the scenario's instance.</summary>
/// <param name="EventName">The event name.</param>
/// <param name="Payload">The event payload (serialized by the runtime's data converter).</param>
/// <param name="When">When the event is raised.</param>
public sealed record RaiseEventStep(string EventName, object? Payload, StepTrigger When) : ScenarioStep(When);
