namespace Serverless.Durable.Engine;

/// <summary>The resolved names and limits one engine works with.</summary>
internal sealed record EngineOptions(
    string TaskHub,
    string InstancesTable,
    string OrchestrationQueue,
    string DefaultActivityQueue);
