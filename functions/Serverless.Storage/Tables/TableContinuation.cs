using System.Buffers.Text;
using System.Text;

namespace Serverless.Storage.Tables;

/// <summary>
/// Continuation tokens for backends that page by key: the token is the last returned (partition key, row key),
/// encoded so callers treat it as opaque.
/// </summary>
public static class TableContinuation
{
    /// <summary>Encodes the position after <paramref name="last"/>.</summary>
    public static string Encode(TableEntity last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(last.PartitionKey + "\n" + last.RowKey));

    /// <summary>
    /// Decodes a token, or returns <see langword="null"/> for none. Throws <see cref="ArgumentException"/> for a
    /// malformed token.
    /// </summary>
    public static (string PartitionKey, string RowKey)? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var separator = text.IndexOf('\n', StringComparison.Ordinal);
            if (separator >= 0)
            {
                return (text[..separator], text[(separator + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException("The continuation token is malformed.", nameof(token));
    }

    /// <summary>
    /// Builds a page from up to <paramref name="top"/> + 1 matches: the extra one only signals that more exist.
    /// </summary>
    public static TablePage ToPage(List<TableEntity> matches, int top)
    {
        if (matches.Count <= top)
        {
            return new TablePage(matches, null);
        }

        matches.RemoveRange(top, matches.Count - top);
        return new TablePage(matches, Encode(matches[^1]));
    }
}
