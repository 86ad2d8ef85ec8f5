using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Serverless.Functions.Saga;

/// <summary>The SDK's activity context for an activity run as an <c>[ActivityTrigger]</c> function.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    /// <summary>The context of the activity <paramref name="name"/> running in <paramref name="function"/>.</summary>
    public static FunctionActivityContext For(string name, FunctionContext function) =>
        new(
            name,
            function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString()
                ?? string.Empty : string.Empty);
}
