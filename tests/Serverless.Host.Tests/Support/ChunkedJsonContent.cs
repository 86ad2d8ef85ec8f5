using System.Net;
using System.Text;

namespace Serverless.Host.Tests.Support;

/// <summary>A JSON body sent with chunked transfer encoding: its length is not declared up front.</summary>
public sealed class ChunkedJsonContent : HttpContent
{
    private readonly byte[] _bytes;

    public ChunkedJsonContent(string json)
    {
        _bytes = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new("application/json") { CharSet = "utf-8" };
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _bytes.Length; offset += 4096)
        {
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(4096, _bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
