using Xunit;

namespace Serverless.Testing.Azurite;

/// <summary>
/// An xunit fixture owning one <see cref="AzuriteInstance"/>. Collection definitions must live in the test assembly,
/// so a test project declares
/// <c>[CollectionDefinition("Azurite")] public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// (or uses it as an <c>IClassFixture</c>).
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
