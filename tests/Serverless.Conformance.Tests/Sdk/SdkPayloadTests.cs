using Serverless.Conformance.Tests.Catalog;
using Serverless.Conformance.Tests.Catalog.Tasks;
using Serverless.Conformance.Tests.Runtimes;

namespace Serverless.Conformance.Tests.Sdk;

/// <summary>
/// What the SDK's shims hand a <c>DataConverter</c>, pinned on the SDK's own runtime: the contract a source-generated
/// converter for our engine (and for Durable Functions) must serve.
/// </summary>
public sealed class SdkPayloadTests
{
    [Fact]
    public async Task Activity_input_is_serialized_as_a_one_element_object_array_and_read_back_without_the_brackets()
    {
        var converter = new RecordingDataConverter();

        var outcome = await new InMemorySdkRuntime(converter).RunAsync(ActivityScenarios.Chain, CancellationToken.None);

        Assert.Equal("\"order-1-reserved-charged-confirmed\"", outcome.OutputJson);

        // Orchestrator side: CallActivityAsync passes `new object[] { input }` to DurableTask.Core's ScheduleTask,
        // which serializes the whole parameter array through the converter (again on every replay).
        var wrapped = converter.Serialized.OfType<object[]>()
            .First(array => array is [AppendRequest { Suffix: "-reserved" }]);
        Assert.Equal(
            "[{\"Text\":\"order-1\",\"Suffix\":\"-reserved\"}]",
            new RecordingDataConverter().Serialize(wrapped));

        // Activity side: the shim strips the outer '[' and ']' characters and asks for the activity's input type.
        Assert.Contains(
            ("{\"Text\":\"order-1\",\"Suffix\":\"-reserved\"}", typeof(AppendRequest)),
            converter.Deserialized);
        Assert.DoesNotContain(
            converter.Deserialized,
            read => read.TargetType == typeof(AppendRequest) && read.Data!.StartsWith('['));
    }

    [Fact]
    public async Task Orchestration_and_sub_orchestration_inputs_are_serialized_as_they_are()
    {
        var converter = new RecordingDataConverter();

        var outcome = await new InMemorySdkRuntime(converter).RunAsync(
            SubOrchestrationScenarios.Succeeds,
            CancellationToken.None);

        Assert.Equal("\"parent got order-1-child\"", outcome.OutputJson);
        Assert.DoesNotContain(converter.Serialized, value => value is object[] array && array is [string]);
        Assert.Contains(("\"order-1\"", typeof(string)), converter.Deserialized);
    }

    [Fact]
    public async Task Failures_travel_as_failure_details_and_never_reach_the_converter_as_exceptions()
    {
        var converter = new RecordingDataConverter();

        var outcome = await new InMemorySdkRuntime(converter).RunAsync(
            ActivityScenarios.CaughtFailure,
            CancellationToken.None);

        Assert.Contains(
            "\"ErrorType\":\"System.InvalidOperationException\"",
            outcome.OutputJson,
            StringComparison.Ordinal);
        Assert.DoesNotContain(converter.Serialized, value => value is Exception);
        Assert.Contains(converter.Serialized, value => value is FailureReport);
    }
}
