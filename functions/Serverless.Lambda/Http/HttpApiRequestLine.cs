namespace Serverless.Lambda.Http;

/// <summary>The <c>requestContext.http</c> of an <see cref="HttpApiRequest"/>.</summary>
public sealed class HttpApiRequestLine
{
    /// <summary>The method, e.g. <c>POST</c>.</summary>
    public string? Method { get; init; }

    /// <summary>The protocol, e.g. <c>HTTP/1.1</c>.</summary>
    public string? Protocol { get; init; }

    /// <summary>The address of the client as API Gateway saw it.</summary>
    public string? SourceIp { get; init; }
}
