using System.Net;
using System.Text;

namespace Serverless.Payments.Card.Tests.Support;

/// <summary>
/// A primary handler that answers from a script, one status per request (the last repeats), with the provider's JSON:
/// for the answers the fake provider has no switch for.
/// </summary>
internal sealed class ScriptedHandler(params int[] statuses) : HttpMessageHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _requests);
        var status = statuses[Math.Min(n, statuses.Length) - 1];
        var body = status < 300
            ? """{"id":"re_1","object":"refund","charge":"ch_1","amount":100,"status":"succeeded","created":1}"""
            : """{"error":{"type":"test_error","code":"scripted","message":"Scripted answer."}}""";
        return Task.FromResult(new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
    }
}
