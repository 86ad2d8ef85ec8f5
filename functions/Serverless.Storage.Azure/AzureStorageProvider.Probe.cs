using Azure;

namespace Serverless.Storage.Azure;

public sealed partial class AzureStorageProvider
{
    /// <summary>The account's two endpoints, for messages that must name it.</summary>
    public string Endpoints => $"tables {_tables.Uri}, queues {_queues.Uri}";

    /// <summary>
    /// One request to each service (the first page of the account's tables and of its queues); returns once both have
    /// answered. Throws <see cref="StorageException"/> when a service refuses (credentials, permissions), and the
    /// transport's exception when one does not answer (the clients' own retries spent).
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in _tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken)
                .AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                break;
            }

            await foreach (var _ in _queues.GetQueuesAsync(prefix: _queuePrefix, cancellationToken: cancellationToken)
                .AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                break;
            }
        }
        catch (RequestFailedException exception) when (!AzureErrors.IsTransient(exception))
        {
            throw AzureErrors.Refused(exception);
        }
    }
}
