using System.Text.RegularExpressions;

namespace Serverless.Http;

/// <summary>
/// Validates function names against Azure Functions' rules, so every declaration can become a function.json folder.
/// </summary>
public static partial class FunctionNames
{
    /// <summary>Returns <paramref name="name"/> when it is a valid function name.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static string Validate(string name, string parameterName) =>
        Pattern().IsMatch(name)
            ? name
            : throw new ArgumentException(
                $"'{name}' is not a valid function name (1-128 letters, digits, '_' or '-', starting with a letter).",
                parameterName);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex Pattern();
}
