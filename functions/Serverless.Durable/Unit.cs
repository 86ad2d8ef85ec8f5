namespace Serverless.Durable;

/// <summary>The input or output of an activity or orchestration that has none. Serializes as <c>{}</c>.</summary>
public readonly record struct Unit
{
    /// <summary>The only value.</summary>
    public static Unit Value => default;
}
