using System.Collections.Concurrent;
using Amazon.SQS;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Aws.Queues;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Aws;

/// <summary>
/// A storage account on AWS: tables in one DynamoDB table (<see cref="DynamoDbTableStore"/>), queues on SQS standard
/// queues. Several processes may share them. Visibility and delays are SQS's; the receipt ledger
/// (<c>WorkerReceipts</c>) and the record of peeks (<c>QueuePeeks</c>) are logical tables of the same DynamoDB store.
/// Build the clients with <see cref="DynamoDbClients"/> and <see cref="SqsClients"/>, which count requests.
/// </summary>
/// <remarks>
/// A receipt is honoured only by the provider that received it, while the message is still hidden: SQS accepts a
/// delete with an old receipt handle, so a complete after the message was released or its visibility ran out returns
/// <see langword="false"/> without deleting anything. Delays beyond 15 minutes are sent on in hops of at most 15
/// minutes; a message body holds at most <see cref="SqsQueue.MaxBodyBytes"/> bytes of UTF-8.
/// </remarks>
public sealed partial class AwsStorageProvider : IStorageProvider
{
    private readonly DynamoDbTableStore _tables;
    private readonly SqsConnection _connection;
    private readonly AwsStorageOptions _options;
    private readonly SqsQueueContext _queueContext;
    private readonly ConcurrentDictionary<string, SqsQueue> _queueHandles = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a provider on the tables of <paramref name="tables"/> and the queues <paramref name="sqs"/> reaches,
    /// named as <paramref name="connection"/> says, on <paramref name="time"/> (the system clock when absent).
    /// </summary>
    public AwsStorageProvider(
        DynamoDbTableStore tables,
        IAmazonSQS sqs,
        SqsConnection connection,
        AwsStorageOptions? options = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(connection);
        connection.Validate();
        _tables = tables;
        _connection = connection;
        _options = options ?? new AwsStorageOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Queues.MaxDequeueCount, 1, nameof(options));
        var held = _options.Queues.WorkerId is { } workerId
            ? new ReceiptLedger(GetTable(ReceiptLedger.TableName), workerId, _options.RecordReceiptsOnReceive)
            : null;
        _queueContext = new SqsQueueContext(
            sqs,
            _options.Queues,
            time ?? TimeProvider.System,
            name => Queue(name),
            new PeekLedger(GetTable(PeekLedger.TableName)),
            held);
    }

    /// <inheritdoc />
    public ITable GetTable(string name) => _tables.GetTable(name);

    /// <inheritdoc />
    public IQueue GetQueue(string name) => Queue(name);

    private SqsQueue Queue(string name) =>
        _queueHandles.GetOrAdd(
            StorageNames.ValidateQueue(name),
            static (n, p) => new SqsQueue(n, p._connection.QueueName(n), p._queueContext),
            this);
}
