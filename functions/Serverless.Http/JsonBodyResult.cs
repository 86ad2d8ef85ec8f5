using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Serverless.Http;

/// <summary>
/// What <see cref="JsonBody.ReadAsync{T}(HttpRequest, JsonTypeInfo{T}, CancellationToken)"/> read: the value, or the
/// problem to return instead.
/// </summary>
/// <typeparam name="T">The body's type.</typeparam>
public readonly struct JsonBodyResult<T>
{
    internal JsonBodyResult(T value)
    {
        Value = value;
    }

    internal JsonBodyResult(ProblemHttpResult problem)
    {
        Problem = problem;
    }

    /// <summary>The body; not <see langword="null"/> when <see cref="IsValid"/>.</summary>
    public T? Value { get; }

    /// <summary>The problem+json result (400, 413 or 415) to return when the body could not be read.</summary>
    public ProblemHttpResult? Problem { get; }

    /// <summary>Whether the body was read into <see cref="Value"/>.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Problem is null;
}
