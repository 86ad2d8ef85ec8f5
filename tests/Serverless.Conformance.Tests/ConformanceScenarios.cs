using Serverless.Conformance.Tests.Catalog;
using Serverless.Conformance.Tests.Catalog.Saga;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests;

/// <summary>Every behaviour scenario, by name: the differential test runs them all on every runtime.</summary>
public static class ConformanceScenarios
{
    private static readonly Dictionary<string, Scenario> ByName = new Scenario[]
    {
        ActivityScenarios.Chain,
        ActivityScenarios.CaughtFailure,
        ActivityScenarios.UncaughtFailure,
        RetryScenarios.PolicySucceeds,
        RetryScenarios.PolicyExhausted,
        RetryScenarios.HandlerSucceeds,
        RetryScenarios.HandlerGivesUp,
        TimerScenarios.Fires,
        TimerScenarios.Cancelled,
        EventScenarios.RaisedAfterWait,
        EventScenarios.RaisedBeforeWait,
        EventScenarios.WaitTimesOut,
        EventScenarios.EventBeatsTimer,
        EventScenarios.TimerBeatsEvent,
        EventScenarios.TwoWaitsForOneName,
        SubOrchestrationScenarios.Succeeds,
        SubOrchestrationScenarios.Fails,
        ContinueAsNewScenarios.CarriesEvents,
        StatusAndDeterminismScenarios.CustomStatus,
        StatusAndDeterminismScenarios.NewGuidIsReplaySafe,
        StatusAndDeterminismScenarios.NonDeterminism,
        ManagementScenarios.TerminatedWhileWaiting,
        ManagementScenarios.SuspendedAndResumed,
        PurgeScenarios.PurgedOnceFinished,
        SagaScenarios.HappyPath,
        SagaScenarios.Declined,
        SagaScenarios.TransientThenConfirmed,
        SagaScenarios.OutOfStock,
        SagaScenarios.ApprovalApproved,
        SagaScenarios.ApprovalRejected,
        SagaScenarios.ApprovalTimedOut,
        SagaScenarios.CancelledAwaitingApproval,
        SagaScenarios.CompensationRetried,
    }.Concat(VersioningScenarios.All).ToDictionary(scenario => scenario.Name, StringComparer.Ordinal);

    /// <summary>The scenario named <paramref name="name"/>.</summary>
    public static Scenario Get(string name) => ByName[name];

    /// <summary>Every scenario name, as theory data.</summary>
    public static TheoryData<string> Names => new(ByName.Keys.Order(StringComparer.Ordinal));
}
