using System.Net;

namespace Serverless.Hosting.Tests;

/// <summary>A body of unknown length, so HttpClient sends it with Transfer-Encoding: chunked.</summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _body;

    public ChunkedContent(byte[] body, string mediaType)
    {
        _body = body;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
    }

    public ChunkedContent(string body, string mediaType)
        : this(System.Text.Encoding.UTF8.GetBytes(body), mediaType)
    {
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _body.Length; offset += 4096)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(4096, _body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
