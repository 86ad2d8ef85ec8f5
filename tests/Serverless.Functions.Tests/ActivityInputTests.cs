using System.Collections;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Saga;

namespace Serverless.Functions.Tests;

/// <summary>
/// The Durable Task SDK's activity shim (TaskActivityShim) strips one pair of outer brackets from every raw activity
/// input, because DurableTask.Core schedules activities with their inputs wrapped in a one-element array. An activity
/// whose own input serialized to a JSON array would lose its brackets on any runtime that hands it over unwrapped; so
/// no saga activity takes one.
/// </summary>
public sealed class ActivityInputTests
{
    [Fact]
    public void No_saga_activity_takes_an_input_that_serializes_to_a_JSON_array()
    {
        var inputs = typeof(SagaActivityFunctions).GetMethods()
            .SelectMany(m => m.GetParameters())
            .Where(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null)
            .Select(p => p.ParameterType)
            .ToList();

        Assert.Equal(10, inputs.Count);
        Assert.All(
            inputs,
            type => Assert.False(
                type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type),
                $"{type} serializes to a JSON array."));
    }
}
