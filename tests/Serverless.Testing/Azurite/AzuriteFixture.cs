using Serverless.Azurite;
using Xunit;

namespace Serverless.Testing.Azurite;

/// <summary>
/// An xunit fixture owning one <see cref="AzuriteInstance"/> (bench/Serverless.Azurite). Shared through
/// <see cref="AzuriteCollection"/> (compiled into each test project that uses it) or used as an <c>IClassFixture</c>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;

    /// <summary>The running Azurite.</summary>
    public AzuriteInstance Instance =>
        _instance ?? throw new InvalidOperationException("The Azurite fixture has not been initialized.");

    /// <summary>The connection string of <see cref="Instance"/>.</summary>
    public string ConnectionString => Instance.ConnectionString;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _instance = await AzuriteInstance.StartAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync().ConfigureAwait(false);
        }
    }
}
