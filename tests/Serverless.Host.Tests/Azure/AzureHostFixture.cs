using Serverless.Host.Tests.Support;
using Serverless.Azurite;

namespace Serverless.Host.Tests.Azure;

/// <summary>
/// A host with the default settings on Azure Storage: its own Azurite, given as <c>AzureWebJobsStorage</c>.
/// </summary>
public sealed class AzureHostFixture : HostFixture, IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    protected override string Name => "azure";

    /// <summary>Stops the host, then its Azurite.</summary>
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    protected override async Task<HostLaunch> CreateLaunchAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        return new HostLaunch(
            Environment: new Dictionary<string,
            string> { ["AzureWebJobsStorage"] = _azurite.ConnectionString });
    }
}
