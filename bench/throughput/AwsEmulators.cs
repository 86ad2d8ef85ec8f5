using Serverless.Bench.Kit;
using Serverless.DynamoDbLocal;
using Serverless.Fauxqs;

namespace Serverless.Bench.Throughput;

/// <summary>
/// The AWS backend's stand-ins for one bench run: a DynamoDB Local and a fauxqs (bench/Serverless.DynamoDbLocal and
/// bench/Serverless.Fauxqs, in memory, each on a port of its own), started once and shared by every host run on them;
/// each host run gets a table and a queue prefix of its own (<see cref="HostEnvironment"/>), so it starts empty.
/// </summary>
internal sealed class AwsEmulators : IAsyncDisposable
{
    private readonly DynamoDbLocalInstance _dynamoDb;
    private readonly FauxqsInstance _sqs;

    private AwsEmulators(DynamoDbLocalInstance dynamoDb, FauxqsInstance sqs)
    {
        _dynamoDb = dynamoDb;
        _sqs = sqs;
    }

    /// <summary>
    /// Whether <paramref name="flavor"/> is a build with the AWS backend (its name ends in <c>Aws</c>, as
    /// <see cref="HostPublisher"/> publishes it), and so runs on the emulators.
    /// </summary>
    public static bool RunsOn(Flavor flavor) => HostPublisher.Cloud(flavor.Name) == HostPublisher.AwsSuffix;

    /// <summary>Starts both emulators (installing them first if their node_modules lack them).</summary>
    public static async Task<AwsEmulators> StartAsync(CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("starting DynamoDB Local and fauxqs");
        var dynamoDb = await DynamoDbLocalInstance.StartAsync(cancellationToken);
        try
        {
            return new AwsEmulators(dynamoDb, await FauxqsInstance.StartAsync(cancellationToken));
        }
        catch
        {
            await dynamoDb.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What points one host run at the emulators: the table setting that chooses the backend, a fresh table and queue
    /// prefix, the SDKs' standard endpoint variables, a region, and the emulators' placeholder credentials.
    /// </summary>
    public Dictionary<string, string> HostEnvironment()
    {
        // A queue prefix holds at most 16 characters.
        var name = $"tp{Guid.NewGuid():N}"[..14];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Serverless__Aws__TableName"] = name,
            ["Serverless__Aws__QueuePrefix"] = name,
            ["Serverless__Aws__Region"] = "us-east-1",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.ServiceUrl.ToString(),
            ["AWS_ENDPOINT_URL_SQS"] = _sqs.ServiceUrl.ToString(),
            ["AWS_ACCESS_KEY_ID"] = "bench",
            ["AWS_SECRET_ACCESS_KEY"] = "bench",
        };
    }

    /// <summary>Kills both emulators.</summary>
    public async ValueTask DisposeAsync()
    {
        await _sqs.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }
}
