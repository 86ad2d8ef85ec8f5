using System.Text.RegularExpressions;

namespace Serverless.Storage;

/// <summary>Validates table and queue names against the strictest backend's rules (Azure Storage).</summary>
public static partial class StorageNames
{
    /// <summary>
    /// Throws unless <paramref name="name"/> is a valid table name: 3-63 letters or digits, starting with a letter.
    /// </summary>
    public static string ValidateTable(string name) =>
        TablePattern().IsMatch(name)
            ? name
            : throw new ArgumentException(
                $"'{name}' is not a valid table name (3-63 letters or digits, starting with a letter).",
                nameof(name));

    /// <summary>
    /// Throws unless <paramref name="name"/> is a valid queue name: 3-63 lowercase letters, digits or single hyphens.
    /// </summary>
    public static string ValidateQueue(string name) =>
        QueuePattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal)
            ? name
            : throw new ArgumentException(
                $"'{name}' is not a valid queue name (3-63 lowercase letters, digits or single hyphens).",
                nameof(name));

    /// <summary>The queue that receives messages dequeued too many times from <paramref name="queueName"/>.</summary>
    public static string PoisonQueueFor(string queueName) => queueName + "-poison";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TablePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex QueuePattern();
}
