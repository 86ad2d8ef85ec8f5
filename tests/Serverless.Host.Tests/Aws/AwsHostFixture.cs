using Serverless.Host.Tests.Support;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;

namespace Serverless.Host.Tests.Aws;

/// <summary>
/// A host with the default settings on DynamoDB and SQS: its own DynamoDB Local and fauxqs, given the AWS way.
/// </summary>
public sealed class AwsHostFixture : HostFixture, IAsyncLifetime
{
    private readonly DynamoDbLocalFixture _dynamoDb = new();
    private readonly FauxqsFixture _sqs = new();

    protected override string Name => "aws";

    /// <summary>Stops the host, then its emulators.</summary>
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _sqs.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    protected override async Task<HostLaunch> CreateLaunchAsync()
    {
        await _dynamoDb.InitializeAsync();
        await _sqs.InitializeAsync();
        return AwsHostLaunch.Create(_dynamoDb, _sqs);
    }
}
