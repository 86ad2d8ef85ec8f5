using Amazon.Runtime;
using Amazon.SQS.Model;
using Serverless.Storage.Aws.Queues;

namespace Serverless.Storage.Aws;

public sealed partial class AwsStorageProvider
{
    /// <summary>The table and queues this provider works on, for messages that must name them.</summary>
    public string Endpoints =>
        $"DynamoDB table {_tables.TableName}, SQS queues " +
        (_connection.QueuePrefix.Length == 0 ? "without a prefix" : $"under {_connection.QueuePrefix}-");

    /// <summary>
    /// One request to each service (the physical table, described and created if missing; the first page of queue
    /// names under the prefix); returns once both have answered. Throws
    /// <see cref="StorageException"/> when a service refuses (credentials, permissions), and the transport's exception
    /// when one does not answer (the clients' own retries spent).
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await GetTable(ReceiptLedger.TableName).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            var list = new ListQueuesRequest { MaxResults = 1 };
            if (_connection.QueuePrefix.Length > 0)
            {
                list.QueueNamePrefix = _connection.QueuePrefix;
            }

            await _queueContext.Client.ListQueuesAsync(list, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException exception) when (IsRefusal(exception))
        {
            throw new StorageException(
                $"AWS refused the request ({(int)exception.StatusCode} {exception.ErrorCode}): {exception.Message}",
                exception);
        }
    }

    // An answer about who is asking (credentials, permissions) cannot change on a retry; a throttle or a 5xx can.
    private static bool IsRefusal(AmazonServiceException exception) =>
        (int)exception.StatusCode is >= 400 and < 500
        && exception.ErrorCode is not ("ThrottlingException" or "ProvisionedThroughputExceededException"
            or "RequestLimitExceeded" or "RequestThrottled");
}
