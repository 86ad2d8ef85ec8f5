using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Serverless.LambdaRuntime;
using Serverless.Testing.Lambda;
using Serverless.Testing.Sqs;

namespace Serverless.Host.Tests.Lambda;

/// <summary>
/// Lambda kills an environment mid-invocation (a crash, a timeout): the batch it held is not answered, so its mapping
/// deletes nothing and every message comes back after the queue's visibility timeout, to a new environment. No order is
/// lost and none is charged twice.
/// </summary>
[Collection(LambdaHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Aws)]
[Trait(Tier.Trait, Tier.Publish)]
public sealed class LambdaKillTests(LambdaHostFixture fixture)
{
    private const int Orders = 12;

    [Fact]
    public async Task A_function_killed_mid_batch_is_started_again_and_every_order_settles_charged_once()
    {
        var name = AwsStorage.UniquePrefix();
        await using var runtime = await LambdaRuntimeEmulator.StartAsync();
        await using var host = await fixture.StartFunctionAsync(name, runtime, LambdaHostFixture.ShortVisibility);
        await using var mapping = await fixture.MapQueuesAsync(name, runtime, LambdaHostFixture.ShortVisibility);
        using var http = new HttpClient(new LambdaHttpHandler(runtime, LambdaHostFixture.ShortVisibility))
        {
            BaseAddress = new Uri("https://api.lambda.test/"),
        };
        using var client = new HostClient(host, http);
        var sku = TestIds.Sku("lambda-kill");
        await client.SetStockAsync(sku, Orders, 10.00m);
        var orderIds = new List<string>();
        for (var i = 0; i < Orders; i++)
        {
            orderIds.Add((await client.PlaceOrderAsync(TestIds.Customer("lambda-kill"), sku, 1, Tokens.Slow)).OrderId);
        }

        // Killed while a batch is handed out and not answered (slow charges keep one there); should the batch be
        // answered just before the kill, the new process is killed the same way.
        var cut = 0;
        for (var kill = 1; cut == 0 && kill <= 5; kill++)
        {
            await Eventually.TrueAsync(
                () => mapping.BatchesDelivered > 0 && runtime.InvocationsHandedOut > runtime.InvocationsAnswered,
                "a batch is in the function's hands");
            await host.KillAsync();
            cut = runtime.FailOutstanding("Runtime.ExitError");
            host.Relaunch();
        }

        var settled = new List<OrderDto>();
        foreach (var orderId in orderIds)
        {
            settled.Add(await client.WaitUntilSettledAsync(orderId));
        }

        Assert.True(cut >= 1, "a kill cut an invocation short");
        Assert.All(settled, order => Assert.Equal(OrderStatuses.Confirmed, order.Status));
        foreach (var orderId in orderIds)
        {
            var charge = Assert.Single((await client.GetPaymentAsync(orderId)).Ledger);
            Assert.Equal(new LedgerEntryDto("charge", 10.00m), charge);
        }

        Assert.Equal(0, (await client.GetStockAsync(sku)).Available);
    }
}
