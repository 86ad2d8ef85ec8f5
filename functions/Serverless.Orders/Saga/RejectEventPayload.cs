using System.Text.Json.Serialization;

namespace Serverless.Orders.Saga;

/// <summary>
/// The payload of the saga's <c>reject</c> event. The property name is fixed to <c>reason</c> so the saga reads it
/// whichever converter serialized it (ours is camelCase; the Durable Task SDK's default keeps .NET names).
/// </summary>
/// <param name="Reason">The approver's reason, or <see langword="null"/>.</param>
public sealed record RejectEventPayload([property: JsonPropertyName("reason")] string? Reason);
