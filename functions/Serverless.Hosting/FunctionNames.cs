using System.Text.RegularExpressions;

namespace Serverless.Hosting;

/// <summary>Validates function names against Azure Functions' rules, so every declaration can become a function.json folder.</summary>
internal static partial class FunctionNames
{
    public static string Validate(string name, string parameterName) =>
        Pattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid function name (1-128 letters, digits, '_' or '-', starting with a letter).", parameterName);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex Pattern();
}
