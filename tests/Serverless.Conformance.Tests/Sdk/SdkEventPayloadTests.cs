using System.Text.Json;
using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Behaviour;
using Serverless.Conformance.Tests.Runtimes;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Sdk;

/// <summary>
/// What the SDK does with an event raised without a payload and awaited as a value type, pinned on the SDK's own
/// runtime: its shim casts the deserialized <see langword="null"/> to <c>T</c>, which throws
/// <see cref="NullReferenceException"/>. Not in the differential suite: our engine hands the wait <c>default(T)</c>
/// instead (a known divergence, see the README), and the order saga's approval wait depends on that today.
/// </summary>
public sealed class SdkEventPayloadTests
{
    private const string Approve = "approve";
    private const string Go = "go";
    private const string WaitingForGo = "waiting for go";
    private const string WaitingForApproval = "waiting for approval";

    [Fact]
    public async Task Buffered_event_without_payload_taken_as_a_value_type_throws_NullReferenceException_at_the_wait()
    {
        // Raised before "go", so it is in history (buffered) when the wait begins: the wait takes it from the buffer,
        // and the cast throws inside the orchestrator's own call, where it can be caught.
        var scenario = Scenario
            .Start("sdk-null-payload-buffered", Register, nameof(NullPayloadOrchestrator))
            .Then(ScenarioStep.Raise(Approve, null, StepTrigger.CustomStatusIs(WaitingForGo)))
            .Then(ScenarioStep.Raise(Go, "go", StepTrigger.Immediately));

        var outcome = await new InMemorySdkRuntime().RunAsync(scenario, CancellationToken.None);

        Assert.Equal("caught System.NullReferenceException", Outcomes.CompletedWith<string>(outcome));
    }

    [Fact]
    public async Task Event_without_payload_delivered_to_a_waiting_value_type_fails_with_NullReferenceException()
    {
        // Raised once the wait has begun: the cast throws while the event is delivered, outside the orchestrator's
        // code, so its catch never runs and the orchestration fails.
        var scenario = Scenario
            .Start("sdk-null-payload-delivered", Register, nameof(NullPayloadOrchestrator))
            .Then(ScenarioStep.Raise(Go, "go", StepTrigger.CustomStatusIs(WaitingForGo)))
            .Then(ScenarioStep.Raise(Approve, null, StepTrigger.CustomStatusIs(WaitingForApproval)));

        var outcome = await new InMemorySdkRuntime().RunAsync(scenario, CancellationToken.None);

        Assert.Equal(typeof(NullReferenceException).FullName, Outcomes.Failed(outcome).ErrorType);
    }

    private static void Register(DurableTaskRegistry registry)
        => registry.AddOrchestrator(nameof(NullPayloadOrchestrator), () => new NullPayloadOrchestrator());

    private sealed class NullPayloadOrchestrator : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            context.SetCustomStatus(WaitingForGo);
            await context.WaitForExternalEvent<string>(Go);
            context.SetCustomStatus(WaitingForApproval);
            try
            {
                var payload = await context.WaitForExternalEvent<JsonElement>(Approve);
                return $"received {payload.ValueKind}";
            }
            catch (NullReferenceException exception)
            {
                return $"caught {exception.GetType().FullName}";
            }
        }
    }
}
