using System.Globalization;
using System.Text;

namespace Serverless.Storage.Tests.Aws;

/// <summary>The least of an HTTP server: reads one request off a connection and answers it 503.</summary>
internal static class ServiceUnavailable
{
    private static readonly byte[] Answer =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();

    /// <summary>Whether a whole request arrived (and was answered) before the client closed the connection.</summary>
    public static async Task<bool> AnswerAsync(Stream connection, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headersEnd;
        while ((headersEnd = HeadersEnd(received)) < 0)
        {
            if (!await ReadSomeAsync(connection, buffer, received, cancellationToken))
            {
                return false;
            }
        }

        var bodyLength = ContentLength(Encoding.ASCII.GetString([.. received], 0, headersEnd));
        while (received.Count < headersEnd + bodyLength)
        {
            if (!await ReadSomeAsync(connection, buffer, received, cancellationToken))
            {
                return false;
            }
        }

        await connection.WriteAsync(Answer, cancellationToken);
        return true;
    }

    private static async Task<bool> ReadSomeAsync(
        Stream connection, byte[] buffer, List<byte> received, CancellationToken cancellationToken)
    {
        var read = await connection.ReadAsync(buffer, cancellationToken);
        received.AddRange(buffer.AsSpan(0, read));
        return read > 0;
    }

    /// <summary>Where the body begins (past the blank line after the headers); -1 until that arrives.</summary>
    private static int HeadersEnd(List<byte> received)
    {
        for (var i = 3; i < received.Count; i++)
        {
            if (received[i - 3] == '\r' && received[i - 2] == '\n' && received[i - 1] == '\r' && received[i] == '\n')
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static int ContentLength(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line[(colon + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
