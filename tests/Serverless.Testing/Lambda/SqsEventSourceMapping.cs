using Amazon.SQS;
using Serverless.LambdaRuntime;

namespace Serverless.Testing.Lambda;

/// <summary>
/// What Lambda's SQS event source mapping does, for tests: one loop per queue receives up to ten messages (with every
/// system and message attribute, under the queue's own visibility timeout), invokes the function through a
/// <see cref="LambdaRuntimeEmulator"/> with the documented SQS event, and settles the batch from the answer.
/// </summary>
/// <remarks>
/// A response deletes every message but those its <c>batchItemFailures</c> lists (none listed: all); an invocation
/// error, or a response AWS would reject, deletes none, so the batch comes back once the visibility timeout passes,
/// as on Lambda.
/// </remarks>
public sealed partial class SqsEventSourceMapping : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly IAmazonSQS _sqs;
    private readonly LambdaRuntimeEmulator _runtime;
    private readonly SqsEventSourceMappingOptions _options;
    private readonly DeliveryGate _gate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _pumps;
    private int _batchesDelivered;
    private int _batchesFailed;
    private int _messagesDeleted;
    private int _itemFailuresReported;
    private int _disposed;

    private SqsEventSourceMapping(
        IAmazonSQS sqs,
        IReadOnlyList<MappedQueue> queues,
        LambdaRuntimeEmulator runtime,
        SqsEventSourceMappingOptions options)
    {
        _sqs = sqs;
        _runtime = runtime;
        _options = options;
        _gate = new DeliveryGate(queues.Count);
        _pumps = [.. queues.Select(queue => Task.Run(() => PumpAsync(queue, _stopping.Token)))];
    }

    /// <summary>Batches handed to the function (invocations started).</summary>
    public int BatchesDelivered => Volatile.Read(ref _batchesDelivered);

    /// <summary>Batches of which nothing was deleted: the invocation failed, or its answer was not one AWS accepts.
    /// </summary>
    public int BatchesFailed => Volatile.Read(ref _batchesFailed);

    /// <summary>Messages deleted after the function answered for them.</summary>
    public int MessagesDeleted => Volatile.Read(ref _messagesDeleted);

    /// <summary>Messages the function listed in <c>batchItemFailures</c> (left in the queue).</summary>
    public int ItemFailuresReported => Volatile.Read(ref _itemFailuresReported);

    /// <summary>The last error a loop met (it retries), for a failing test's message.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>
    /// Starts one loop per queue of <paramref name="queues"/> (names, looked up, or queue URLs) delivering to
    /// <paramref name="runtime"/>.
    /// </summary>
    public static async Task<SqsEventSourceMapping> StartAsync(
        IAmazonSQS sqs,
        IEnumerable<string> queues,
        LambdaRuntimeEmulator runtime,
        SqsEventSourceMappingOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(runtime);
        options ??= new SqsEventSourceMappingOptions();
        var mapped = new List<MappedQueue>();
        foreach (var queue in queues)
        {
            mapped.Add(await MapAsync(sqs, queue, options, cancellationToken));
        }

        return new SqsEventSourceMapping(sqs, mapped, runtime, options);
    }

    /// <summary>
    /// Stops delivering: completes once no batch is in flight (one already invoked is settled first); messages
    /// received meanwhile are made visible again at once.
    /// </summary>
    public Task PauseAsync() => _gate.PauseAsync();

    /// <summary>Delivers again after <see cref="PauseAsync"/>.</summary>
    public void Resume() => _gate.Resume();

    /// <summary>Stops the loops; a batch in flight is abandoned and comes back after its visibility timeout.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_pumps);
        _stopping.Dispose();
    }

    private static async Task<MappedQueue> MapAsync(
        IAmazonSQS sqs,
        string queue,
        SqsEventSourceMappingOptions options,
        CancellationToken cancellationToken)
    {
        var isUrl = Uri.TryCreate(queue, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        var url = isUrl ? queue : (await sqs.GetQueueUrlAsync(queue, cancellationToken)).QueueUrl;
        var name = isUrl ? uri!.Segments[^1].TrimEnd('/') : queue;
        return new MappedQueue(url, name, $"arn:aws:sqs:{options.Region}:{options.AccountId}:{name}");
    }
}
