using Serverless.DynamoDbLocal;
using Xunit;

namespace Serverless.Testing.DynamoDb;

/// <summary>
/// An xunit fixture owning one <see cref="DynamoDbLocalInstance"/> (bench/Serverless.DynamoDbLocal). Shared through
/// <see cref="DynamoDbLocalCollection"/> (compiled into each test project that uses it).
/// </summary>
public sealed class DynamoDbLocalFixture : IAsyncLifetime
{
    private DynamoDbLocalInstance? _instance;

    /// <summary>The running DynamoDB Local.</summary>
    public DynamoDbLocalInstance Instance =>
        _instance ?? throw new InvalidOperationException("The DynamoDB Local fixture has not been initialized.");

    /// <summary>The endpoint of <see cref="Instance"/>, for the SDK's <c>ServiceURL</c>.</summary>
    public Uri ServiceUrl => Instance.ServiceUrl;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _instance = await DynamoDbLocalInstance.StartAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync().ConfigureAwait(false);
        }
    }
}
