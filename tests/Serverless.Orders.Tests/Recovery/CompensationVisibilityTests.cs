using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;
using Serverless.Storage;

namespace Serverless.Orders.Tests.Recovery;

/// <summary>
/// A compensation that keeps failing is visible, not just logged: the order is <c>Compensating</c> and carries the step,
/// the attempts and the last error; <c>GET /api/orders?status=Compensating</c> lists it; its orchestration's custom status
/// (what the management API shows) says the same; all of it clears once the compensation succeeds.
/// </summary>
public sealed class CompensationVisibilityTests : IAsyncLifetime, IDisposable
{
    private const int ShownAfter = 3;

    private readonly OrdersApp _app = new(
        configure: null,
        GatedGateway.Install);

    private GatedGateway Gateway => GatedGateway.Of(_app);

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_refund_failing_again_and_again_shows_its_attempts_and_error_then_clears_when_it_succeeds()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 10m);
        Gateway.RefundsDown = true;
        // Declined: the saga compensates at once, and the refund (a void: nothing was charged) is refused until the gateway is back.
        var orderId = await _app.PlaceAsync(TestTokens.Decline, (sku, 1));

        var failing = await Eventually.ValueAsync(
            () => _app.GetJsonAsync($"/api/orders/{orderId}"),
            o => o.TryGetProperty("compensation", out var c) && c.GetProperty("attempts").GetInt32() >= ShownAfter,
            $"order {orderId} shows {ShownAfter} failed refunds");
        Assert.Equal("Compensating", failing.GetProperty("status").GetString());
        var compensation = failing.GetProperty("compensation");
        Assert.Equal((SagaActivities.RefundPayment, GatedGateway.RefundError), (compensation.GetProperty("step").GetString(), compensation.GetProperty("lastError").GetString()));
        Assert.True(compensation.GetProperty("since").GetDateTimeOffset() <= DateTimeOffset.UtcNow);

        var listed = await _app.GetJsonAsync("/api/orders?status=Compensating");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), o => o.GetProperty("orderId").GetString() == orderId);

        var status = await Eventually.ValueAsync(
            () => _app.Durable.GetInstanceAsync(orderId, getInputsAndOutputs: true),
            i => i?.SerializedCustomStatus is not null,
            $"orchestration {orderId} shows the compensation");
        using (var custom = JsonDocument.Parse(status!.SerializedCustomStatus!))
        {
            var shown = custom.RootElement.GetProperty("compensation");
            Assert.Equal((SagaActivities.RefundPayment, GatedGateway.RefundError), (shown.GetProperty("step").GetString(), shown.GetProperty("lastError").GetString()));
            Assert.True(shown.GetProperty("attempts").GetInt32() >= 1);
        }

        Gateway.RefundsDown = false;
        var settled = await _app.SettledAsync(orderId);

        Assert.Equal("Cancelled", settled.GetProperty("status").GetString());
        Assert.StartsWith(CancellationReasons.PaymentDeclinedPrefix, settled.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(settled.TryGetProperty("compensation", out _));
        Assert.Null((await _app.Durable.GetInstanceAsync(orderId, getInputsAndOutputs: true))!.SerializedCustomStatus);
        var after = await _app.GetJsonAsync("/api/orders?status=Compensating");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), o => o.GetProperty("orderId").GetString() == orderId);
        Assert.True(Gateway.FailedRefunds >= ShownAfter);
    }
}
