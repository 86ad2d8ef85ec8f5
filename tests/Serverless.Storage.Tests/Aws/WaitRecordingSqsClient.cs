using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Serverless.Storage.Tests.Aws;

/// <summary>An SQS client that records how long each receive asks SQS to wait for a message.</summary>
internal sealed class WaitRecordingSqsClient(AWSCredentials credentials, AmazonSQSConfig config)
    : AmazonSQSClient(credentials, config)
{
    public ConcurrentQueue<int?> Waits { get; } = new();

    public override Task<ReceiveMessageResponse> ReceiveMessageAsync(
        ReceiveMessageRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Waits.Enqueue(request.WaitTimeSeconds);
        return base.ReceiveMessageAsync(request, cancellationToken);
    }
}
