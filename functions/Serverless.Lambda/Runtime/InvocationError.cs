using System.Text.Json.Serialization;

namespace Serverless.Lambda.Runtime;

/// <summary>The body of an invocation or initialization error, as the Runtime API documents it.</summary>
/// <param name="ErrorType">
/// A short classification, e.g. <c>Runtime.UnknownEvent</c> or an exception's type name.
/// </param>
/// <param name="ErrorMessage">One line saying what went wrong.</param>
public sealed record InvocationError(
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("errorMessage")] string ErrorMessage)
{
    /// <summary>Frames of the failure; empty unless something adds them.</summary>
    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>The error an unhandled exception reports: its type's name and its message.</summary>
    public static InvocationError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new InvocationError(exception.GetType().Name, exception.Message);
    }
}
