using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Recovery;

/// <summary>
/// <see cref="TwoHostsOneKilledTests"/> on DynamoDB and SQS (DynamoDB Local and fauxqs): as on Azure Storage, a
/// message cannot carry its holder, so a worker hides what it receives a few seconds at a time and records in its
/// ledger only what it holds long.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class TwoHostsOnAwsOneKilledTests(
    DynamoDbLocalFixture dynamoDb,
    FauxqsFixture sqs,
    ITestOutputHelper output)
    : IClassFixture<DynamoDbLocalFixture>, IClassFixture<FauxqsFixture>
{
    [Fact]
    public async Task The_survivor_of_two_hosts_on_AWS_finishes_the_orders_long_before_their_visibility_timeout()
    {
        var launch = AwsHostLaunch.Create(dynamoDb, sqs);
        await using var survivor = await HostProcess.StartAsync(launch, "recovery-aws-survivor");
        await using var doomed = await HostProcess.StartAsync(launch, "recovery-aws-doomed");

        await TwoHostsOneKilledTests.KillOneAndRecoverAsync(
            survivor, doomed, slow: 10, fast: 6, output, placeThroughDoomed: true);
    }
}
