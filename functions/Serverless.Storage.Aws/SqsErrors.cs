using Amazon.SQS;

namespace Serverless.Storage.Aws;

/// <summary>Turns the service's errors into the ports' exceptions.</summary>
internal static class SqsErrors
{
    public static StorageException Refused(AmazonSQSException e) =>
        new($"SQS refused the request ({(int)e.StatusCode} {e.ErrorCode}): {e.Message}", e);
}
