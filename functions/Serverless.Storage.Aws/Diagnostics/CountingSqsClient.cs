using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SQS;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Aws.Diagnostics;

/// <summary>
/// An SQS client whose pipeline counts each request it sends, as <see cref="CountingDynamoDbClient"/> does: inside the
/// SDK's retry handler, so every attempt is counted.
/// </summary>
internal sealed class CountingSqsClient : AmazonSQSClient
{
    private readonly StorageRequestCounter _counter;

    public CountingSqsClient(StorageRequestCounter counter, AmazonSQSConfig config)
        : base(config) => _counter = counter;

    public CountingSqsClient(StorageRequestCounter counter, AWSCredentials credentials, AmazonSQSConfig config)
        : base(credentials, config) => _counter = counter;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);

        // The base constructor builds the pipeline before this class's fields are set: read the counter lazily.
        pipeline.AddHandlerAfter<RetryHandler>(
            new RequestCountingHandler(() => _counter, SqsRequestClassifier.Classify));
    }
}
