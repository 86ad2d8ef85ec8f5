using Amazon.DynamoDBv2;

namespace Serverless.Storage.Aws;

/// <summary>Turns the service's errors into the ports' exceptions.</summary>
internal static class DynamoDbErrors
{
    public static StorageException Refused(AmazonDynamoDBException e) =>
        new($"DynamoDB refused the request ({(int)e.StatusCode} {e.ErrorCode}): {e.Message}", e);
}
