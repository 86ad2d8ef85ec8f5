using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Serialization;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// Payloads go through source-generated contracts only; a missing contract is a clear failure, never a crashed worker.
/// </summary>
public sealed class DataConverterTests
{
    private const string Echo = "Echo";
    private const string ReturnsUnregistered = "ReturnsUnregistered";
    private const string CallsUnregistered = "CallsUnregistered";
    private const string OrchestratorReturnsUnregistered = "OrchestratorReturnsUnregistered";

    private static TestHub CreateHub() => new(registry => registry
        .AddActivityFunc<string, string>(Echo, (_, s) => s)
        .AddActivityFunc<string, Unregistered>(ReturnsUnregistered, (_, s) => new Unregistered(s))
        .AddOrchestratorFunc<string, string>(CallsUnregistered, async (ctx, input) =>
        {
            try
            {
                await ctx.CallActivityAsync<Unregistered>(ReturnsUnregistered, input);
                return "no failure";
            }
            catch (TaskFailedException failed)
            {
                return $"{failed.FailureDetails.ErrorType}|{failed.FailureDetails.ErrorMessage}";
            }
        })
        .AddOrchestratorFunc<string, Unregistered>(OrchestratorReturnsUnregistered, async (ctx, input) =>
            new Unregistered(await ctx.CallActivityAsync<string>(Echo, input))));

    [Fact]
    public async Task An_activity_whose_output_type_has_no_contract_fails_with_an_error_naming_the_type()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(CallsUnregistered, "x");
        var result = await hub.RunToCompletionAsync(id);

        var output = result.ReadOutputAs<string>()!;
        Assert.StartsWith(typeof(NotSupportedException).FullName + "|", output, StringComparison.Ordinal);
        Assert.Contains(typeof(Unregistered).FullName!, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_orchestration_whose_output_type_has_no_contract_fails_naming_the_type_and_the_worker_goes_on()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(OrchestratorReturnsUnregistered, "x");
        var failed = await hub.RunToCompletionAsync(id);
        var next = await hub.RunToCompletionAsync(await hub.StartAsync(CallsUnregistered, "y"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(typeof(NotSupportedException).FullName, failed.FailureDetails!.ErrorType);
        Assert.Contains(typeof(Unregistered).FullName!, failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, next.RuntimeStatus);
    }

    [Fact]
    public async Task Starting_with_an_input_type_that_has_no_contract_is_refused_naming_the_type()
    {
        using var hub = CreateHub();

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => hub.StartAsync(
            CallsUnregistered,
            new Unregistered("x"),
            "refused"));

        Assert.Contains(typeof(Unregistered).FullName!, refused.Message, StringComparison.Ordinal);
        Assert.Null(await hub.Client.GetInstanceAsync("refused"));
    }

    [Fact]
    public void An_argument_array_is_serialized_as_a_json_array_of_each_element_by_its_own_contract()
    {
        var converter = new SourceGeneratedDataConverter(TestJsonContext.Default);

        var json = converter.Serialize(new object?[] { "a", 1, null, new SagaInput("o-1", FailAtTheEnd: true) });

        Assert.Equal("""["a",1,null,{"OrderId":"o-1","FailAtTheEnd":true}]""", json);
        Assert.Equal(JsonValueKind.Array, converter.Deserialize<JsonElement>(json).ValueKind);
    }

    [Fact]
    public void A_converter_reads_each_contract_on_first_use_and_then_remembers_it()
    {
        var context = new CountingContext(TestJsonContext.Default);
        var converter = new SourceGeneratedDataConverter(context);
        var lookupsAfterConstruction = context.Lookups;

        var first = converter.Serialize(new SagaInput("o-1", false));
        var lookupsAfterFirstUse = context.Lookups;
        var second = converter.Serialize(new SagaInput("o-2", false));
        var read = converter.Deserialize<SagaInput>(second);

        Assert.Equal(0, lookupsAfterConstruction);
        Assert.Equal(1, lookupsAfterFirstUse);
        Assert.Equal(1, context.Lookups);
        Assert.Equal("""{"OrderId":"o-1","FailAtTheEnd":false}""", first);
        Assert.Equal(new SagaInput("o-2", false), read);
    }

    /// <summary>A payload type no registered context knows.</summary>
    private sealed record Unregistered(string Value);

    /// <summary>A context that forwards to another and counts how often a contract is asked for.</summary>
    private sealed class CountingContext(JsonSerializerContext inner) : JsonSerializerContext(null)
    {
        private int _lookups;

        public int Lookups => Volatile.Read(ref _lookups);

        protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

        public override JsonTypeInfo? GetTypeInfo(Type type)
        {
            Interlocked.Increment(ref _lookups);
            return inner.GetTypeInfo(type);
        }
    }
}
