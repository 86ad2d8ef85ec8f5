using System.Globalization;
using System.Text;

namespace Serverless.Storage.Azure.Tables;

/// <summary>
/// Azure Tables refuses '/', '\', '#', '?' and control characters in keys; the ports allow any string. Those
/// characters (and '%', the escape) are stored as '%' and two hex digits. The encoding works character by character
/// and '%' only ever starts an escape, so a key starts with a prefix exactly when its encoding starts with the
/// prefix's encoding. Order among keys that differ at an escaped character may differ from ordinal order.
/// </summary>
internal static class KeyEncoding
{
    public static string Encode(string key)
    {
        if (!key.AsSpan().ContainsAny(Escaped))
        {
            return key;
        }

        var encoded = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            if (MustEscape(c))
            {
                encoded.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                encoded.Append(c);
            }
        }

        return encoded.ToString();
    }

    public static string Decode(string stored)
    {
        if (!stored.Contains('%', StringComparison.Ordinal))
        {
            return stored;
        }

        var decoded = new StringBuilder(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i] == '%'
                && i + 2 < stored.Length
                && int.TryParse(
                    stored.AsSpan(i + 1, 2),
                    NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture,
                    out var code))
            {
                decoded.Append((char)code);
                i += 2;
            }
            else
            {
                decoded.Append(stored[i]);
            }
        }

        return decoded.ToString();
    }

    private static bool MustEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or '%' or < '\u0020' or (>= '\u007F' and <= '\u009F');

    private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create(
        "/\\#?%" + new string(Enumerable.Range(
            0,
            0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(i => (char)i).ToArray()));
}
