using System.Net;
using Serverless.Host.Tests.Support;

namespace Serverless.Host.Tests.Dashboard;

/// <summary>
/// <c>GET /api/health/rates</c> on a host of its own (so every order it counts is this test's): the orders placed and
/// settled and the sagas' percentiles over the window, in 10-second buckets that add up to the total; admin key only;
/// a malformed window refused naming <c>minutes</c>.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class RatesApiTests
{
    private const string AdminKey = "rates-admin-key";
    private const string FunctionKey = "rates-function-key";

    [Fact]
    public async Task Rates_count_the_orders_placed_and_settled_with_their_saga_percentiles_over_the_window()
    {
        await using var host = await HostProcess.StartAsync(
            "rates",
            $"--Serverless:AdminKey={AdminKey}",
            $"--Serverless:FunctionKey={FunctionKey}");
        using var client = new HostClient(host, AdminKey);
        var sku = TestIds.Sku("rates");
        await client.SetStockAsync(sku, 50, 3m);
        var ids = new List<string>();
        foreach (var token in new[] { Tokens.Visa, Tokens.Visa, Tokens.Decline })
        {
            ids.Add((await client.PlaceOrderAsync(TestIds.Customer("rates"), sku, 1, token)).OrderId);
        }

        foreach (var id in ids)
        {
            await client.WaitUntilSettledAsync(id);
        }

        var rates = await ReadAsync(client, "api/health/rates?minutes=2");

        Assert.Equal((120, 10.0), (rates.WindowSeconds, rates.BucketSeconds));
        Assert.Equal(12, rates.Buckets.Count);
        Assert.Equal((3, 3), (rates.Total.Placed, rates.Total.Settled));
        Assert.Equal(
            (rates.Total.Placed, rates.Total.Settled),
            (rates.Buckets.Sum(b => b.Placed), rates.Buckets.Sum(b => b.Settled)));
        Assert.NotNull(rates.Total.SagaP50Ms);
        Assert.True(rates.Total.SagaP99Ms >= rates.Total.SagaP50Ms, $"p99 {rates.Total.SagaP99Ms} < p50");
        Assert.Equal(Math.Round(3 / 120.0, 3), rates.Total.PlacedPerSecond);
        Assert.True(
            rates.Buckets.Zip(rates.Buckets.Skip(1))
                .All(p => p.Second.Start - p.First.Start == TimeSpan.FromSeconds(10)),
            "the buckets follow each other, oldest first");
    }

    [Fact]
    public async Task Rates_need_the_admin_key_and_refuse_a_window_outside_1_to_10_minutes()
    {
        await using var host = await HostProcess.StartAsync(
            "rates-keys",
            $"--Serverless:AdminKey={AdminKey}",
            $"--Serverless:FunctionKey={FunctionKey}");
        using var admin = new HostClient(host, AdminKey);
        using var function = new HostClient(host, FunctionKey);

        using var withFunctionKey = await function.SendAsync(HttpMethod.Get, "api/health/rates");
        using var tooLong = await admin.SendAsync(HttpMethod.Get, "api/health/rates?minutes=11");
        using var notANumber = await admin.SendAsync(HttpMethod.Get, "api/health/rates?minutes=five");
        var defaults = await ReadAsync(admin, "api/health/rates");

        await ProblemAssert.IsProblemAsync(withFunctionKey, HttpStatusCode.Unauthorized, host);
        await ProblemAssert.NamesFieldAsync(tooLong, "minutes", host);
        await ProblemAssert.NamesFieldAsync(notANumber, "minutes", host);
        Assert.Equal((300, 30, 0), (defaults.WindowSeconds, defaults.Buckets.Count, defaults.Total.Placed));
        Assert.Null(defaults.Total.SagaP50Ms);
    }

    private static async Task<RatesDto> ReadAsync(HostClient client, string path)
    {
        using var response = await client.SendAsync(HttpMethod.Get, path);
        return await client.ExpectAsync<RatesDto>(response, HttpStatusCode.OK);
    }

    private sealed record RatesDto(int WindowSeconds, double BucketSeconds, RateDto Total, List<RateDto> Buckets);

    private sealed record RateDto(
        DateTimeOffset Start,
        int Placed,
        int Settled,
        double PlacedPerSecond,
        double SettledPerSecond,
        double? SagaP50Ms,
        double? SagaP99Ms);
}
