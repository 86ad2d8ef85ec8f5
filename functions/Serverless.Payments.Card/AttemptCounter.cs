using System.Runtime.CompilerServices;

namespace Serverless.Payments.Card;

/// <summary>
/// The innermost handler: counts the attempts of a request that were handed to the network, so that a call failing
/// before any was (an open circuit, a full bulkhead) is known not to have reached the provider, and needs no lookup.
/// The counter travels in the request's options, which the resilience handler copies into each attempt's request.
/// </summary>
internal sealed class AttemptCounter : DelegatingHandler
{
    /// <summary>The option holding a request's counter.</summary>
    public static readonly HttpRequestOptionsKey<StrongBox<int>> Sent = new("Serverless.Payments.Card.Sent");

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Sent, out var sent))
        {
            Interlocked.Increment(ref sent.Value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
