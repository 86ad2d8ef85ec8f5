using Serverless.Durable.Engine;
using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

/// <summary>An in-flight instance and the history of its current execution, in the engine's terms.</summary>
internal sealed record RecordedExecution(InstanceRow Instance, IReadOnlyList<StoredHistoryEvent> History);
