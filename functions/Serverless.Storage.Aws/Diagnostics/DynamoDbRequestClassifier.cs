using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Aws.Diagnostics;

/// <summary>Names the <see cref="StorageOperationKinds"/> kind of one DynamoDB request from its type.</summary>
public static class DynamoDbRequestClassifier
{
    /// <summary>The operation kind of <paramref name="request"/>.</summary>
    public static string Classify(AmazonWebServiceRequest request) => request switch
    {
        TransactWriteItemsRequest => StorageOperationKinds.TableBatch,
        QueryRequest or ScanRequest => StorageOperationKinds.TableQuery,
        GetItemRequest => StorageOperationKinds.TableGet,
        PutItemRequest or DeleteItemRequest or UpdateItemRequest => StorageOperationKinds.TableWrite,

        // This backend describes its table only as the existence check of create-if-not-exists.
        CreateTableRequest or DescribeTableRequest => StorageOperationKinds.TableCreate,
        _ => StorageOperationKinds.Other,
    };
}
