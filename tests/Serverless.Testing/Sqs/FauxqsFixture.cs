using Serverless.Fauxqs;
using Xunit;

namespace Serverless.Testing.Sqs;

/// <summary>
/// An xunit fixture owning one <see cref="FauxqsInstance"/> (bench/Serverless.Fauxqs), the SQS emulator. Shared
/// through <see cref="DynamoDb.DynamoDbLocalCollection"/>, beside DynamoDB Local.
/// </summary>
public sealed class FauxqsFixture : IAsyncLifetime
{
    private FauxqsInstance? _instance;

    /// <summary>The running fauxqs.</summary>
    public FauxqsInstance Instance =>
        _instance ?? throw new InvalidOperationException("The fauxqs fixture has not been initialized.");

    /// <summary>The endpoint of <see cref="Instance"/>, for the SDK's <c>ServiceURL</c>.</summary>
    public Uri ServiceUrl => Instance.ServiceUrl;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _instance = await FauxqsInstance.StartAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync().ConfigureAwait(false);
        }
    }
}
