using Serverless.Host.Tests.Support;
using Serverless.Testing.Azurite;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Recovery;

/// <summary>
/// <see cref="TwoHostsOneKilledTests"/> on Azure Storage (a private Azurite): there a message cannot carry its holder,
/// so what the killed host held comes back either by itself (hidden a few seconds at a time, renewed while handled)
/// or, once held past a renewal and so written to its receipt ledger, released by the survivor through its receipt.
/// </summary>
[Collection(LoadCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class TwoHostsOnAzuriteOneKilledTests(AzuriteFixture azurite, ITestOutputHelper output)
    : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_survivor_of_two_hosts_on_Azurite_finishes_the_orders_long_before_their_visibility_timeout()
    {
        var launch = new HostLaunch(
            Environment: new Dictionary<string,
            string> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        var prefix = "--Serverless:StorageNamePrefix=" + AzuriteStorage.UniquePrefix();
        await using var survivor = await HostProcess.StartAsync(launch, "recovery-azure-survivor", prefix);
        await using var doomed = await HostProcess.StartAsync(launch, "recovery-azure-doomed", prefix);

        await TwoHostsOneKilledTests.KillOneAndRecoverAsync(
            survivor, doomed, slow: 10, fast: 6, output, placeThroughDoomed: true);
    }
}
