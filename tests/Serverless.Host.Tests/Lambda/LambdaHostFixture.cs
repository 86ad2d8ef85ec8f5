using Amazon.SQS;
using Amazon.SQS.Model;
using Serverless.Host.Tests.Support;
using Serverless.LambdaRuntime;
using Serverless.Storage.Aws;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Lambda;
using Serverless.Testing.Sqs;

namespace Serverless.Host.Tests.Lambda;

/// <summary>
/// The published AOT host (<c>-p:Cloud=Aws</c>) in Lambda mode, started as <c>bootstrap</c> is on
/// <c>provided.al2023</c>: from a folder of its own, with <c>AWS_LAMBDA_RUNTIME_API</c> pointing at a
/// <see cref="LambdaRuntimeEmulator"/>. Its queues are created first, as the CDK stack creates them, and an
/// <see cref="SqsEventSourceMapping"/> per queue delivers their batches; the tests' HTTP calls reach it as HTTP API
/// events (<see cref="LambdaHttpHandler"/>). DynamoDB Local and fauxqs are its own.
/// </summary>
public sealed class LambdaHostFixture : HostFixture, IAsyncLifetime
{
    /// <summary>The queues the CDK stack creates (infra/aws QueueNames.Work), each with its poison queue.</summary>
    public static readonly IReadOnlyList<string> WorkQueues =
        ["durable-orchestrations", "durable-activities", "inventory", "payments", "order-events"];

    /// <summary>The function's timeout: every invocation's deadline, counted from when it is queued.</summary>
    public static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A function timeout and queue visibility for a test whose messages must come back soon after a kill.
    /// </summary>
    public static readonly TimeSpan ShortVisibility = TimeSpan.FromSeconds(10);

    // Twice the function's timeout: Lambda requires at least the timeout of a queue with an event source mapping.
    private static readonly TimeSpan QueueVisibility = 2 * FunctionTimeout;

    private readonly List<IAsyncDisposable> _owned = [];

    public AwsAotPublishFixture Publish { get; } = new();

    public DynamoDbLocalFixture DynamoDb { get; } = new();

    public FauxqsFixture Sqs { get; } = new();

    public LambdaRuntimeEmulator Runtime { get; private set; } = null!;

    public SqsEventSourceMapping Mapping { get; private set; } = null!;

    /// <summary>The shared function's table name and queue prefix.</summary>
    public string Prefix { get; private set; } = "";

    protected override string Name => "lambda";

    /// <summary>Stops the host, then the mapping, the Runtime API and the emulators, and deletes the publish.</summary>
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await Sqs.DisposeAsync();
        await DynamoDb.DisposeAsync();
        await Publish.DisposeAsync();
    }

    /// <summary>
    /// A host in Lambda mode on a table and queue prefix of its own (<paramref name="name"/>), its table and queues
    /// created (the queues with <paramref name="queueVisibility"/>), on <paramref name="runtime"/>, not yet mapped to
    /// its queues.
    /// </summary>
    public async Task<HostProcess> StartFunctionAsync(
        string name,
        LambdaRuntimeEmulator runtime,
        TimeSpan? queueVisibility = null)
    {
        Assert.True(Publish.Result.ExitCode == 0 && File.Exists(Publish.Executable), Publish.Report);
        await CreateResourcesAsync(name, queueVisibility ?? QueueVisibility);
        var launch = AwsHostLaunch.Create(DynamoDb, Sqs, name);
        var task = TaskFolder(name);
        return HostProcess.Start(
            launch with
            {
                Executable = Path.Combine(task, "bootstrap"),
                WorkingDirectory = task,
                Environment = new Dictionary<string, string>(launch.Environment!)
                {
                    ["AWS_LAMBDA_RUNTIME_API"] = runtime.RuntimeApi,
                    // host.json's 5 s, doubling, would take minutes to spend a message's five deliveries.
                    ["Serverless__Queues__RetryBaseDelay"] = "00:00:00.250",
                },
            },
            name);
    }

    /// <summary>
    /// An event source mapping of <paramref name="name"/>'s queues onto <paramref name="runtime"/>, invoking with
    /// <paramref name="functionTimeout"/> (at most the queues' visibility).
    /// </summary>
    public Task<SqsEventSourceMapping> MapQueuesAsync(
        string name,
        LambdaRuntimeEmulator runtime,
        TimeSpan? functionTimeout = null) =>
        SqsEventSourceMapping.StartAsync(
            SqsClient(name),
            WorkQueues.Select(AwsStorage.Connection(Sqs, name).QueueName),
            runtime,
            new SqsEventSourceMappingOptions { FunctionTimeout = functionTimeout ?? FunctionTimeout });

    /// <summary>A client of the emulated SQS (the tests' own view of the queues).</summary>
    public IAmazonSQS SqsClient(string name) =>
        SqsClients.Create(AwsStorage.Connection(Sqs, name), null, DynamoDbLocalStorage.Credentials);

    protected override async Task<(HostProcess Host, HostClient Client)> StartAsync()
    {
        await Publish.InitializeAsync();
        await DynamoDb.InitializeAsync();
        await Sqs.InitializeAsync();
        Runtime = await LambdaRuntimeEmulator.StartAsync();
        _owned.Add(Runtime);
        Prefix = AwsStorage.UniquePrefix();
        var host = await StartFunctionAsync(Prefix, Runtime);
        Mapping = await MapQueuesAsync(Prefix, Runtime);
        _owned.Add(Mapping);
        var http = new HttpClient(new LambdaHttpHandler(Runtime, FunctionTimeout))
        {
            BaseAddress = new Uri("https://api.lambda.test/"),
            Timeout = TimeSpan.FromSeconds(90),
        };
        return (host, new HostClient(host, http));
    }

    // The table and the queues, as the CDK stack creates them: a function in Lambda mode creates neither.
    private async Task CreateResourcesAsync(string name, TimeSpan visibility)
    {
        var storage = AwsStorage.CreateProvider(DynamoDb, Sqs, tableName: name, queuePrefix: name);
        await storage.ProbeAsync();
        var connection = AwsStorage.Connection(Sqs, name);
        using var sqs = SqsClient(name);
        foreach (var queue in WorkQueues.SelectMany(q => new[] { q, q + "-poison" }))
        {
            await storage.GetQueue(queue).CreateIfNotExistsAsync();
            var url = (await sqs.GetQueueUrlAsync(connection.QueueName(queue))).QueueUrl;
            await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest
            {
                QueueUrl = url,
                Attributes = new() { ["VisibilityTimeout"] = ((int)visibility.TotalSeconds).ToString() },
            });
        }
    }

    // The function's code as Lambda unpacks it: the binary named bootstrap, with host.json beside it.
    private string TaskFolder(string name)
    {
        var task = Path.Combine(Path.GetDirectoryName(Publish.PublishDirectory)!, "task-" + name);
        Directory.CreateDirectory(task);
        File.Copy(Publish.Executable, Path.Combine(task, "bootstrap"), overwrite: true);
        File.Copy(
            Path.Combine(Publish.PublishDirectory, "host.json"),
            Path.Combine(task, "host.json"),
            overwrite: true);
        return task;
    }
}
