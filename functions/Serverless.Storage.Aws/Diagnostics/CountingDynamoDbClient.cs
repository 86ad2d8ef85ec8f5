using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Aws.Diagnostics;

/// <summary>
/// A DynamoDB client whose pipeline counts each request it sends: the counting handler sits inside the SDK's retry
/// handler, so every attempt is counted as the separate request AWS bills.
/// </summary>
internal sealed class CountingDynamoDbClient : AmazonDynamoDBClient
{
    private readonly StorageRequestCounter _counter;

    public CountingDynamoDbClient(StorageRequestCounter counter, AmazonDynamoDBConfig config)
        : base(config) => _counter = counter;

    public CountingDynamoDbClient(
        StorageRequestCounter counter,
        AWSCredentials credentials,
        AmazonDynamoDBConfig config)
        : base(credentials, config) => _counter = counter;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);

        // The base constructor builds the pipeline before this class's fields are set: read the counter lazily.
        pipeline.AddHandlerAfter<RetryHandler>(
            new RequestCountingHandler(() => _counter, DynamoDbRequestClassifier.Classify));
    }
}
