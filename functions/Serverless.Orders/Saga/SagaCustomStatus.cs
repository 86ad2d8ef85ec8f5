using System.Text.Json.Serialization;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga;

/// <summary>
/// The saga's custom status (shown by the management API): set only while a compensation is being retried.
/// </summary>
/// <param name="Compensation">The compensation being retried.</param>
public sealed record SagaCustomStatus(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CompensationProgress? Compensation);
