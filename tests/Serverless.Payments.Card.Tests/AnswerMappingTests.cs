using Microsoft.Extensions.DependencyInjection;
using Serverless.Payments.Card.Tests.Support;

namespace Serverless.Payments.Card.Tests;

/// <summary>
/// Each answer of the provider maps to one outcome: 402 is a decline, another 4xx a refusal for good, and what may pass
/// (5xx, 408, 429, 409 idempotency key in use, 401/403 until an operator fixes the key) is transient.
/// </summary>
public sealed class AnswerMappingTests
{
    public static TheoryData<int, Type> Answers => new()
    {
        { 402, typeof(CardDeclinedException) },
        { 400, typeof(CardRequestRefusedException) },
        { 404, typeof(CardRequestRefusedException) },
        { 422, typeof(CardRequestRefusedException) },
        { 409, typeof(CardProviderUnavailableException) },
        { 429, typeof(CardProviderUnavailableException) },
        { 401, typeof(CardProviderUnavailableException) },
        { 403, typeof(CardProviderUnavailableException) },
        { 408, typeof(CardProviderUnavailableException) },
        { 500, typeof(CardProviderUnavailableException) },
        { 503, typeof(CardProviderUnavailableException) },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Each_answer_maps_to_its_outcome(int status, Type expected)
    {
        var handler = new ScriptedHandler(status);
        using var card = Scripted(handler, retries: 0);

        var failure = await Record.ExceptionAsync(() => card.Client.RefundAsync("ch_1", 100, "o-1", "o-1:refund"));

        Assert.IsType(expected, failure);
    }

    [Fact]
    public async Task A_409_for_a_key_still_in_progress_is_retried_within_the_call()
    {
        var handler = new ScriptedHandler(409, 200);
        using var card = Scripted(handler, retries: 1);

        var refund = await card.Client.RefundAsync("ch_1", 100, "o-1", "o-1:refund");

        Assert.Equal(("re_1", 2), (refund.Id, handler.Requests));
    }

    [Fact]
    public async Task A_decline_is_never_retried()
    {
        var handler = new ScriptedHandler(402, 200);
        using var card = Scripted(handler, retries: 2);

        await Assert.ThrowsAsync<CardDeclinedException>(() => card.Client.RefundAsync("ch_1", 100, "o-1", "o-1:r"));

        Assert.Equal(1, handler.Requests);
    }

    private static CardClient Scripted(ScriptedHandler handler, int retries) => CardClient.Start(
        o => o.MaxRetries = retries,
        s => s.AddHttpClient(CardPaymentsClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler));
}
