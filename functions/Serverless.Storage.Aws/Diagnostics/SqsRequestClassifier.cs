using Amazon.Runtime;
using Amazon.SQS.Model;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Aws.Diagnostics;

/// <summary>Names the <see cref="StorageOperationKinds"/> kind of one SQS request from its type.</summary>
public static class SqsRequestClassifier
{
    /// <summary>
    /// The operation kind of <paramref name="request"/>. A receive is a receive even when it serves a peek: SQS has no
    /// other way to look at messages, so <see cref="StorageOperationKinds.QueuePeek"/> is never sent as such.
    /// </summary>
    public static string Classify(AmazonWebServiceRequest request) => request switch
    {
        SendMessageRequest or SendMessageBatchRequest => StorageOperationKinds.QueueSend,
        ReceiveMessageRequest => StorageOperationKinds.QueueReceive,
        DeleteMessageRequest or DeleteMessageBatchRequest => StorageOperationKinds.QueueDelete,
        ChangeMessageVisibilityRequest or ChangeMessageVisibilityBatchRequest => StorageOperationKinds.QueueUpdate,
        GetQueueAttributesRequest => StorageOperationKinds.QueueMetadata,

        // The queue URL is looked up as the existence check of create-if-not-exists.
        CreateQueueRequest or GetQueueUrlRequest => StorageOperationKinds.QueueCreate,
        _ => StorageOperationKinds.Other,
    };
}
