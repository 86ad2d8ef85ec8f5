using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Behaviour;

/// <summary>Assertion helpers over a <see cref="ScenarioOutcome"/>.</summary>
internal static class Outcomes
{
    // Reading only: case-insensitive, so a runtime whose converter names properties differently still reads here;
    // the differential test compares the JSON itself.
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Asserts the outcome completed and returns its output read as <typeparamref name="T"/>.</summary>
    public static T CompletedWith<T>(ScenarioOutcome outcome)
    {
        Assert.True(outcome.Status == OrchestrationRuntimeStatus.Completed, $"Expected Completed, got {outcome}");
        Assert.NotNull(outcome.OutputJson);
        return JsonSerializer.Deserialize<T>(outcome.OutputJson, ReadOptions)!;
    }

    /// <summary>Asserts the outcome failed and returns its failure.</summary>
    public static FailureOutcome Failed(ScenarioOutcome outcome)
    {
        Assert.True(outcome.Status == OrchestrationRuntimeStatus.Failed, $"Expected Failed, got {outcome}");
        Assert.NotNull(outcome.Failure);
        return outcome.Failure;
    }

    /// <summary>Reads the custom status as <typeparamref name="T"/>.</summary>
    public static T? CustomStatus<T>(ScenarioOutcome outcome)
        => outcome.CustomStatusJson is null
            ? default
            : JsonSerializer.Deserialize<T>(outcome.CustomStatusJson, ReadOptions);

    /// <summary>Asserts the scheduled sequence, given as activity names, <c>timer</c> and <c>sub:Name</c>.</summary>
    public static void Scheduled(ScenarioOutcome outcome, params string[] expected)
        => Assert.Equal(expected, outcome.Scheduled.Select(work => work.ToString()));
}
