using Microsoft.DurableTask;

namespace Serverless.Durable.Engine;

/// <summary>The SDK's view of one activity run: which activity, for which orchestration instance.</summary>
internal sealed class ActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } = instanceId;
}
