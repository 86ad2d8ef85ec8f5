namespace Serverless.Lambda.Sqs;

/// <summary>A message attribute of an <see cref="SqsBatchRecord"/>: its type and, for strings and numbers, its value.
/// </summary>
public sealed class SqsBatchAttribute
{
    /// <summary><c>String</c>, <c>Number</c> or <c>Binary</c>, with an optional custom suffix.</summary>
    public string DataType { get; init; } = "";

    /// <summary>The value of a <c>String</c> or <c>Number</c> attribute.</summary>
    public string? StringValue { get; init; }
}
