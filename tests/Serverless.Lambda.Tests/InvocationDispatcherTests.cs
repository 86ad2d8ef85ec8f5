using System.Text;
using System.Text.Json.Nodes;
using Serverless.Lambda.Http;
using Serverless.Lambda.Runtime;
using Serverless.Lambda.Sqs;
using Serverless.Lambda.Timers;

namespace Serverless.Lambda.Tests;

public sealed class InvocationDispatcherTests
{
    private readonly RecordingHandlers _handlers = new();

    [Fact]
    public async Task An_sqs_batch_answers_with_the_ids_its_handler_reports_failed()
    {
        _handlers.FailIds.Add("m2");
        var dispatcher = new InvocationDispatcher(new LambdaHttpServer(), _handlers, _handlers);

        var answer = await DispatchAsync(dispatcher, """
            {"Records":[
              {"messageId":"m1","receiptHandle":"r1","body":"one","attributes":{"ApproximateReceiveCount":"1"},
               "messageAttributes":{"a":{"dataType":"String","stringValue":"x","stringListValues":[]}},
               "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:app-inventory"},
              {"messageId":"m2","receiptHandle":"r2","body":"two",
               "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:app-inventory"}]}
            """);

        var failures = answer["batchItemFailures"]!.AsArray();
        Assert.Equal("m2", Assert.Single(failures)!["itemIdentifier"]!.GetValue<string>());
        var batch = Assert.Single(_handlers.Batches);
        Assert.Equal(["m1", "m2"], batch.Records.Select(r => r.MessageId));
        Assert.Equal("app-inventory", batch.Records[0].QueueName);
        Assert.Equal("1", batch.Records[0].Attributes!["ApproximateReceiveCount"]);
        Assert.Equal("x", batch.Records[0].MessageAttributes!["a"].StringValue);
        Assert.Equal("r2", batch.Records[1].ReceiptHandle);
    }

    [Fact]
    public async Task A_batch_without_failures_answers_an_empty_list()
    {
        var dispatcher = new InvocationDispatcher(new LambdaHttpServer(), _handlers, _handlers);

        var answer = await DispatchAsync(dispatcher, """{"Records":[{"messageId":"m1","body":"x"}]}""");

        Assert.Empty(answer["batchItemFailures"]!.AsArray());
    }

    [Fact]
    public async Task A_timer_event_runs_that_timer_once()
    {
        var dispatcher = new InvocationDispatcher(new LambdaHttpServer(), _handlers, _handlers);

        await DispatchAsync(dispatcher, """{"timer":"Sweep"}""");

        Assert.Equal(["Sweep"], _handlers.TimersRun);
    }

    [Fact]
    public async Task An_unknown_timer_fails_the_invocation_naming_the_timers()
    {
        var dispatcher = new InvocationDispatcher(new LambdaHttpServer(), _handlers, _handlers);

        var error = await Assert.ThrowsAsync<LambdaInvocationException>(
            () => DispatchAsync(dispatcher, """{"timer":"Nightly"}"""));

        Assert.Equal("Runtime.UnknownTimer", error.ErrorType);
        Assert.Contains("Sweep, PurgeHistory", error.Message, StringComparison.Ordinal);
        Assert.Empty(_handlers.TimersRun);
    }

    [Fact]
    public async Task An_event_of_no_known_shape_fails_the_invocation()
    {
        var dispatcher = new InvocationDispatcher(new LambdaHttpServer(), _handlers, _handlers);

        var error = await Assert.ThrowsAsync<LambdaInvocationException>(
            () => DispatchAsync(dispatcher, """{"detail-type":"Scheduled Event","source":"aws.events"}"""));

        Assert.Equal("Runtime.UnknownEvent", error.ErrorType);
    }

    [Fact]
    public async Task An_http_event_before_the_server_started_fails_rather_than_hangs()
    {
        var dispatcher = new InvocationDispatcher(new LambdaHttpServer(), _handlers, _handlers);

        await Assert.ThrowsAsync<InvalidOperationException>(() => DispatchAsync(
            dispatcher,
            """{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"}}}"""));
    }

    private static async Task<JsonNode> DispatchAsync(InvocationDispatcher dispatcher, string json)
    {
        var invocation = new LambdaInvocation(
            "req-1",
            DateTimeOffset.UtcNow.AddMinutes(1),
            null,
            null,
            Encoding.UTF8.GetBytes(json));
        var answer = await dispatcher.DispatchAsync(invocation, CancellationToken.None);
        return JsonNode.Parse(answer)!;
    }

    private sealed class RecordingHandlers : ISqsBatchHandler, ILambdaTimers
    {
        public List<SqsBatch> Batches { get; } = [];

        public HashSet<string> FailIds { get; } = [];

        public List<string> TimersRun { get; } = [];

        public IReadOnlyCollection<string> Names { get; } = ["Sweep", "PurgeHistory"];

        public Task<IReadOnlyCollection<string>> HandleAsync(
            SqsBatch batch,
            DateTimeOffset deadline,
            CancellationToken cancellationToken)
        {
            Batches.Add(batch);
            return Task.FromResult<IReadOnlyCollection<string>>(
                [.. batch.Records.Select(r => r.MessageId).Where(FailIds.Contains)]);
        }

        public Task RunAsync(string name, CancellationToken cancellationToken)
        {
            TimersRun.Add(name);
            return Task.CompletedTask;
        }
    }
}
