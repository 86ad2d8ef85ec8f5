using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Serverless.Payments.Card.Tests;

/// <summary>
/// What the pipeline repeats and what opens the circuit: a request is repeated only when the provider's idempotency
/// makes it safe (a GET, or a POST carrying an Idempotency-Key), and only provider failures count against the circuit.
/// </summary>
public sealed class PipelineRuleTests
{
    [Fact]
    public void A_lookup_and_a_keyed_post_are_safe_to_repeat_and_a_post_without_a_key_is_not()
    {
        using var lookup = new HttpRequestMessage(HttpMethod.Get, "v1/charges?idempotency_key=k");
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "v1/charges");
        keyed.Headers.Add("Idempotency-Key", "o-1:charge");
        using var unkeyed = new HttpRequestMessage(HttpMethod.Post, "v1/charges");

        Assert.Equal(
            (true, true, false, false),
            (CardPaymentsPipeline.IsSafeToRepeat(lookup), CardPaymentsPipeline.IsSafeToRepeat(keyed),
                CardPaymentsPipeline.IsSafeToRepeat(unkeyed), CardPaymentsPipeline.IsSafeToRepeat(null)));
    }

    [Theory]
    [InlineData(500, true, true)]
    [InlineData(503, true, true)]
    [InlineData(408, true, true)]
    [InlineData(429, true, true)]
    [InlineData(409, false, true)]
    [InlineData(402, false, false)]
    [InlineData(400, false, false)]
    [InlineData(401, false, false)]
    [InlineData(200, false, false)]
    public void An_answer_counts_against_the_circuit_and_is_retried_as_its_status_says(
        int status,
        bool providerFailure,
        bool transient)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        var outcome = Outcome.FromResult(response);

        Assert.Equal(
            (providerFailure, transient),
            (CardPaymentsPipeline.IsProviderFailure(outcome), CardPaymentsPipeline.IsTransient(outcome)));
    }

    [Fact]
    public void No_answer_is_a_provider_failure_and_an_open_circuit_or_a_full_bulkhead_is_never_retried()
    {
        Assert.True(CardPaymentsPipeline.IsTransient(Failed(new HttpRequestException("reset"))));
        Assert.True(CardPaymentsPipeline.IsTransient(Failed(new TimeoutRejectedException())));
        Assert.False(CardPaymentsPipeline.IsTransient(Failed(new BrokenCircuitException())));
        Assert.False(CardPaymentsPipeline.IsTransient(Failed(new RateLimiterRejectedException())));
    }

    private static Outcome<HttpResponseMessage> Failed(Exception exception) =>
        Outcome.FromException<HttpResponseMessage>(exception);
}
