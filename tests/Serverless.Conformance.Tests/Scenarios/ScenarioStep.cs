namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>Something the client does to the running instance once its trigger holds.</summary>
/// <param name="When">When the step is applied.</param>
public abstract record ScenarioStep(StepTrigger When)
{
    /// <summary>
    /// Raises <paramref name="eventName"/> with <paramref name="payload"/> when <paramref name="when"/> holds.
    /// </summary>
    public static ScenarioStep Raise(string eventName, object? payload, StepTrigger when) =>
        new RaiseEventStep(eventName, payload, when);

    /// <summary>Suspends the instance when <paramref name="when"/> holds.</summary>
    public static ScenarioStep Suspend(string reason, StepTrigger when) => new SuspendStep(reason, when);

    /// <summary>Resumes the instance when <paramref name="when"/> holds.</summary>
    public static ScenarioStep Resume(string reason, StepTrigger when) => new ResumeStep(reason, when);

    /// <summary>Terminates the instance with <paramref name="output"/> when <paramref name="when"/> holds.</summary>
    public static ScenarioStep Terminate(object? output, StepTrigger when) => new TerminateStep(output, when);
}
