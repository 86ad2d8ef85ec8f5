namespace Serverless.Host.Tests.Support;

/// <summary>
/// Turns type names as <see cref="Type.ToString"/> writes them (<c>Ns.Generic`1[Ns.Argument]</c>) back into types.
/// </summary>
internal static class RuntimeTypeNames
{
    public static Type Resolve(string name)
    {
        var open = name.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return Find(name);
        }

        var arguments = SplitArguments(name[(open + 1)..^1]).Select(Resolve).ToArray();
        return Find(name[..open]).MakeGenericType(arguments);
    }

    private static Type Find(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName)).FirstOrDefault(t => t is not null)
        ?? throw new InvalidOperationException($"No loaded assembly defines {fullName}.");

    private static IEnumerable<string> SplitArguments(string arguments)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            switch (arguments[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return arguments[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return arguments[start..];
    }
}
