using Serverless.Host.Tests.Support;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;

namespace Serverless.Host.Tests.Aws;

/// <summary>
/// The Native AOT host of the AWS build (<c>-p:Cloud=Aws</c>): it publishes with no warning, and the binary confirms
/// an order on DynamoDB and SQS (DynamoDB Local and fauxqs), so the AWS SDK's paths the host takes survive trimming.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Aws)]
[Trait(Tier.Trait, Tier.Publish)]
public sealed class AwsAotHostTests(AwsAotPublishFixture publish, DynamoDbLocalFixture dynamoDb, FauxqsFixture sqs)
    : IClassFixture<AwsAotPublishFixture>, IClassFixture<DynamoDbLocalFixture>, IClassFixture<FauxqsFixture>
{
    [Fact]
    public async Task The_AWS_build_publishes_without_a_warning_and_its_binary_confirms_an_order_on_DynamoDB_and_SQS()
    {
        Assert.True(publish.Result.ExitCode == 0 && File.Exists(publish.Executable), publish.Report);
        Assert.True(publish.Diagnostics.Count == 0, publish.Report);
        await using var host = await HostProcess.StartAsync(
            AwsHostLaunch.Create(dynamoDb, sqs, executable: publish.Executable), "aws-aot");
        using var client = new HostClient(host);
        await client.SetStockAsync("SKU-AOT", 5, 12.50m);

        var accepted = await client.PlaceOrderAsync(OrderRequests.Body("c-aot", "SKU-AOT", 2, "tok_visa"));
        var order = await client.WaitUntilSettledAsync(accepted.OrderId);

        Assert.Equal("Confirmed", order.Status);
        Assert.Equal(3, (await client.GetStockAsync("SKU-AOT")).Available);
        Assert.Equal(25.00m, (await client.GetPaymentAsync(accepted.OrderId)).Amount);
    }
}
