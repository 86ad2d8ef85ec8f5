using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Serverless.LambdaRuntime;
using Serverless.Storage.Aws;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Lambda;
using Serverless.Testing.Sqs;

namespace Serverless.Host.Tests.Lambda;

/// <summary>
/// The test kit's SQS event source mapping on fauxqs, with a runtime played by a plain HttpClient: the event it
/// builds, and how it settles a batch from the function's answer.
/// </summary>
[Trait(Tier.Trait, Tier.Aws)]
public sealed class SqsEventSourceMappingTests(FauxqsFixture sqs) : IClassFixture<FauxqsFixture>, IDisposable
{
    private readonly IAmazonSQS _client = SqsClients.Create(
        AwsStorage.Connection(sqs),
        credentials: DynamoDbLocalStorage.Credentials);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Records_have_the_documented_shape_and_a_listed_item_failure_alone_comes_back()
    {
        var (name, url) = await CreateQueueAsync();
        await SendAsync(url, "fails once", ("kind", "String", "order"));
        await SendAsync(url, "succeeds");
        await using var emulator = await LambdaRuntimeEmulator.StartAsync();
        var records = new ConcurrentQueue<JsonObject>();
        using var stop = new CancellationTokenSource();
        var runtime = PlayRuntimeAsync(emulator, batch =>
        {
            var failures = new JsonArray();
            foreach (var record in batch["Records"]!.AsArray().Cast<JsonObject>())
            {
                records.Enqueue(record);
                var receiveCount = Text(record["attributes"]!, "ApproximateReceiveCount");
                if (Text(record, "body") == "fails once" && receiveCount == "1")
                {
                    failures.Add(new JsonObject { ["itemIdentifier"] = Text(record, "messageId") });
                }
            }

            return (false, new JsonObject { ["batchItemFailures"] = failures }.ToJsonString());
        }, stop.Token);
        await using var mapping = await SqsEventSourceMapping.StartAsync(_client, [name], emulator);

        await Eventually.TrueAsync(() => mapping.MessagesDeleted == 2, "both messages are deleted");

        Assert.Equal(1, mapping.ItemFailuresReported);
        Assert.Equal(0, mapping.BatchesFailed);
        Assert.Equal(3, records.Count);
        var first = records.First(record => Text(record, "body") == "fails once");
        string[] fields = ["messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody",
            "eventSource", "eventSourceARN", "awsRegion"];
        Assert.Equal(fields, first.Select(field => field.Key).Where(key => key != "md5OfMessageAttributes"));
        Assert.Equal("aws:sqs", Text(first, "eventSource"));
        Assert.Equal($"arn:aws:sqs:us-east-1:000000000000:{name}", Text(first, "eventSourceARN"));
        Assert.Equal("us-east-1", Text(first, "awsRegion"));
        foreach (var attribute in new[] { "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp" })
        {
            Assert.False(string.IsNullOrEmpty(Text(first["attributes"]!, attribute)), attribute);
        }

        var kind = first["messageAttributes"]!["kind"]!;
        Assert.Equal("order", Text(kind, "stringValue"));
        Assert.Equal("String", Text(kind, "dataType"));
        Assert.Empty(kind["stringListValues"]!.AsArray());
        Assert.Empty(kind["binaryListValues"]!.AsArray());
        await stop.CancelAsync();
        await runtime;
    }

    [Fact]
    public async Task An_invocation_error_deletes_nothing_and_the_batch_comes_back_after_the_visibility_timeout()
    {
        var (_, url) = await CreateQueueAsync();
        await SendAsync(url, "once");
        await using var emulator = await LambdaRuntimeEmulator.StartAsync();
        var receiveCounts = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var runtime = PlayRuntimeAsync(emulator, batch =>
        {
            var count = Text(batch["Records"]![0]!["attributes"]!, "ApproximateReceiveCount") ?? "";
            receiveCounts.Enqueue(count);
            return count == "1"
                ? (true, """{"errorMessage":"boom","errorType":"InvalidOperationException"}""")
                : (false, "null");
        }, stop.Token);
        await using var mapping = await SqsEventSourceMapping.StartAsync(_client, [url], emulator);

        await Eventually.TrueAsync(() => mapping.MessagesDeleted == 1, "the message is deleted the second time");

        Assert.Equal(["1", "2"], receiveCounts);
        Assert.Equal(1, mapping.BatchesFailed);
        Assert.Equal(2, mapping.BatchesDelivered);
        await stop.CancelAsync();
        await runtime;
    }

    [Fact]
    public async Task While_paused_nothing_is_delivered_and_messages_stay_receivable()
    {
        var (name, url) = await CreateQueueAsync();
        await using var emulator = await LambdaRuntimeEmulator.StartAsync();
        await using var mapping = await SqsEventSourceMapping.StartAsync(_client, [name], emulator);

        await mapping.PauseAsync().WithDeadline("every loop is paused");
        await SendAsync(url, "held back");

        var received = await Eventually.ValueAsync(
            () => _client.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1 }),
            response => response.Messages is [_],
            "the test itself receives the message");
        Assert.Equal(0, mapping.BatchesDelivered);
        Assert.Equal(0, emulator.InvocationsHandedOut);
        await _client.ChangeMessageVisibilityAsync(url, received.Messages[0].ReceiptHandle, 0);

        mapping.Resume();

        var nextUrl = new Uri($"http://{emulator.RuntimeApi}/2018-06-01/runtime/invocation/next");
        using var next = await _http.GetAsync(nextUrl).WithDeadline("the message is delivered once resumed");
        Assert.Contains("held back", await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();

    private async Task<(string Name, string Url)> CreateQueueAsync()
    {
        var name = AwsStorage.UniquePrefix() + "-lambda";
        var created = await _client.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = "1" },
        });
        return (name, created.QueueUrl);
    }

    private async Task SendAsync(string url, string body, (string Name, string Type, string Value)? attribute = null)
    {
        var request = new SendMessageRequest { QueueUrl = url, MessageBody = body };
        if (attribute is var (name, type, value))
        {
            request.MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                [name] = new() { DataType = type, StringValue = value },
            };
        }

        await _client.SendMessageAsync(request);
    }

    /// <summary>Answers each invocation with <paramref name="handle"/>'s (isError, body) until stopped.</summary>
    private async Task PlayRuntimeAsync(
        LambdaRuntimeEmulator emulator,
        Func<JsonObject, (bool IsError, string Body)> handle,
        CancellationToken stop)
    {
        var api = $"http://{emulator.RuntimeApi}/2018-06-01/runtime/invocation/";
        try
        {
            while (true)
            {
                using var next = await _http.GetAsync(new Uri(api + "next"), stop);
                var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
                var batch = JsonNode.Parse(await next.Content.ReadAsStringAsync(stop))!.AsObject();
                var (isError, body) = handle(batch);
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                var answer = $"{requestId}/{(isError ? "error" : "response")}";
                using var posted = await _http.PostAsync(new Uri(api + answer), content, stop);
                Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
