using Serverless.Host.Tests.Support;

namespace Serverless.Host.Tests.Upgrade;

/// <summary>
/// The new host started on a copy of <c>pre-upgrade.sqlite</c>: four orders left in flight by the release before the
/// saga moved to the Durable Task SDK (see <c>Upgrade/README.md</c>), with the settings that release ran with.
/// </summary>
public sealed class PreUpgradeHostFixture : HostFixture
{
    protected override string Name => "upgrade";

    protected override string[] Arguments =>
    [
        "--Orders:PaymentRetry:FirstRetryInterval=00:00:20",
        "--Orders:PaymentRetry:MaxRetryInterval=00:00:20",
        "--Orders:ApprovalTimeout=3650.00:00:00",
        // The retry the previous release scheduled then succeeds at once, rather than after another 20 s timer.
        "--Orders:Simulator:TransientFailures=1",
    ];

    protected override Task<HostLaunch> CreateLaunchAsync() => Task.FromResult(new HostLaunch(Seed: dataDirectory =>
        File.Copy(
            Path.Combine(AppContext.BaseDirectory, "Upgrade", "pre-upgrade.sqlite"),
            Path.Combine(dataDirectory, EmbeddedDatabaseFile.FileName))));
}
