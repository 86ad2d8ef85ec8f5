using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Serverless.Storage.Azure.Queues;
using Serverless.Storage.Azure.Tables;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Azure;

/// <summary>
/// A storage account on Azure Storage: tables on Azure Tables, queues on Storage Queues. Several processes may share
/// one account. ETags, timestamps, visibility and delays are the service's (its clock, not this process's).
/// Build the clients with <see cref="AzureStorageClients"/>, which sets what this provider relies on (Base64 messages).
/// </summary>
/// <remarks>
/// Limits are the service's, checked before a request is sent and refused with an <see cref="ArgumentException"/>
/// rather than truncated: an entity holds at most 1 MiB and 252 properties, a property value 64 KiB (32,768
/// characters), a key 1 KiB, a batch 4 MiB; a message body at most 48 KiB of UTF-8 (64 KiB once Base64-encoded).
/// </remarks>
public sealed partial class AzureStorageProvider : IStorageProvider
{
    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;
    private readonly AzureStorageOptions _options;
    private readonly string _tablePrefix;
    private readonly string _queuePrefix;
    private readonly HeldReceipts? _held;
    private readonly ConcurrentDictionary<string, AzureTable> _tableHandles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AzureQueue> _queueHandles = new(StringComparer.Ordinal);

    /// <summary>Creates a provider on the account the clients address.</summary>
    public AzureStorageProvider(
        TableServiceClient tables,
        QueueServiceClient queues,
        AzureStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        _tables = tables;
        _queues = queues;
        _options = options ?? new AzureStorageOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Queues.MaxDequeueCount, 1, nameof(options));
        if (_options.NamePrefix.Length > 0 && !PrefixPattern().IsMatch(_options.NamePrefix))
        {
            throw new ArgumentException(
                $"'{_options.NamePrefix}' is not a valid name prefix (at most 20 lowercase letters or digits, " +
                    $"starting with a letter).",
                nameof(options));
        }

        _tablePrefix = _options.NamePrefix;
        _queuePrefix = _options.NamePrefix.Length == 0 ? "" : _options.NamePrefix + "-";
        _held = _options.Queues.WorkerId is { } workerId
            ? new HeldReceipts(GetTable(HeldReceipts.TableName), workerId, _options.RecordReceiptsOnReceive)
            : null;
    }

    /// <inheritdoc />
    public ITable GetTable(string name) =>
        _tableHandles.GetOrAdd(StorageNames.ValidateTable(name), static (n, p) =>
            new AzureTable(n, p._tables.GetTableClient(StorageNames.ValidateTable(p._tablePrefix + n))), this);

    /// <inheritdoc />
    public IQueue GetQueue(string name) =>
        _queueHandles.GetOrAdd(StorageNames.ValidateQueue(name), static (n, p) =>
            new AzureQueue(
                n,
                p._queues.GetQueueClient(StorageNames.ValidateQueue(p._queuePrefix + n)),
                p._options.Queues,
                p.GetPoisonQueue,
                p._held),
            this);

    private AzureQueue GetPoisonQueue(string queueName) => (AzureQueue)GetQueue(StorageNames.PoisonQueueFor(queueName));

    [GeneratedRegex("^[a-z][a-z0-9]{0,19}$")]
    private static partial Regex PrefixPattern();
}
