namespace Serverless.Lambda.Http;

/// <summary>The <c>requestContext</c> of an <see cref="HttpApiRequest"/>: the fields the host reads.</summary>
public sealed class HttpApiRequestContext
{
    /// <summary>API Gateway's id of the request.</summary>
    public string? RequestId { get; init; }

    /// <summary>The stage: <c>$default</c>, or a name that is then the first segment of the raw path.</summary>
    public string? Stage { get; init; }

    /// <summary>The method, the path, the protocol and the caller's address.</summary>
    public HttpApiRequestLine? Http { get; init; }
}
