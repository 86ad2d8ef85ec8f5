using System.Text.Json.Nodes;
using Amazon.SQS.Model;
using Serverless.Host.Tests.Support;
using Serverless.LambdaRuntime;
using Serverless.Testing.Sqs;

namespace Serverless.Host.Tests.Lambda;

/// <summary>
/// What Lambda mode adds to the scenarios: partial batch responses, poison through the mapping's redeliveries, the
/// schedules' timers, events it cannot run, and a start that fails reported as an init error.
/// </summary>
[Collection(LambdaHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Aws)]
[Trait(Tier.Trait, Tier.Publish)]
public sealed class LambdaModeTests(LambdaHostFixture fixture)
{
    [Fact]
    public async Task A_batch_with_one_failing_message_reports_that_message_alone()
    {
        var runtime = fixture.Runtime;
        var batch = new JsonObject
        {
            ["Records"] = new JsonArray(
                Record("ok-1", Sqs("durable-orchestrations"), "no-such-instance"),
                Record("bad-1", Sqs("order-events"), "this is not an order event"),
                Record("ok-2", Sqs("durable-orchestrations"), "no-such-instance-either")),
        };

        var result = await runtime.InvokeAsync(batch.ToJsonString(), LambdaHostFixture.FunctionTimeout);

        Assert.False(result.IsError, result.Body);
        var failures = JsonNode.Parse(result.Body)!["batchItemFailures"]!.AsArray();
        Assert.Equal(["bad-1"], failures.Select(f => f!["itemIdentifier"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_message_that_fails_every_delivery_of_the_mapping_ends_in_its_poison_queue()
    {
        using var sqs = fixture.SqsClient(fixture.Prefix);
        var queue = (await sqs.GetQueueUrlAsync(Sqs("order-events"))).QueueUrl;
        var poison = (await sqs.GetQueueUrlAsync(Sqs("order-events-poison"))).QueueUrl;
        var failuresBefore = fixture.Mapping.ItemFailuresReported;
        var sent = await sqs.SendMessageAsync(queue, "this is not an order event either");

        // The poison copy keeps the message's id (the port's id of a plain send is its SQS id).
        Message moved;
        try
        {
            moved = await Eventually.UntilAsync(
                async () => (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = poison,
                    MaxNumberOfMessages = 10,
                    WaitTimeSeconds = 1,
                    MessageAttributeNames = ["All"],
                })).Messages?.FirstOrDefault(m =>
                    m.MessageAttributes?.GetValueOrDefault("ServerlessId")?.StringValue == sent.MessageId),
                "the message is in order-events-poison");
        }
        catch (Xunit.Sdk.XunitException exception)
        {
            throw fixture.Host.Failure($"{exception.Message} Failures reported: " +
                $"{fixture.Mapping.ItemFailuresReported - failuresBefore}; mapping error: {fixture.Mapping.LastError}");
        }

        Assert.Equal("this is not an order event either", moved.Body);
        Assert.True(fixture.Mapping.ItemFailuresReported - failuresBefore >= 5, fixture.Host.Tail());
    }

    [Theory]
    [InlineData("Sweep")]
    [InlineData("ReconcileOrders")]
    [InlineData("PurgeHistory")]
    public async Task Each_schedule_timer_runs_and_answers(string timer)
    {
        var result = await fixture.Runtime.InvokeAsync(
            new JsonObject { ["timer"] = timer }.ToJsonString(),
            LambdaHostFixture.FunctionTimeout);

        Assert.False(result.IsError, result.Body);
    }

    [Fact]
    public async Task An_unknown_timer_or_event_fails_its_invocation_and_the_function_serves_the_next()
    {
        var timer = await fixture.Runtime.InvokeAsync("""{"timer":"Nightly"}""", LambdaHostFixture.FunctionTimeout);
        var unknown = await fixture.Runtime.InvokeAsync(
            """{"detail-type":"Scheduled Event","source":"aws.events"}""",
            LambdaHostFixture.FunctionTimeout);
        var health = await fixture.Client.Http.GetAsync("api/health");

        Assert.Equal((true, "Runtime.UnknownTimer"), (timer.IsError, timer.ErrorType));
        Assert.Contains("Sweep, ReconcileOrders, PurgeHistory", timer.Body, StringComparison.Ordinal);
        Assert.Equal((true, "Runtime.UnknownEvent"), (unknown.IsError, unknown.ErrorType));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Without_a_table_the_function_fails_its_init_in_one_line_naming_the_setting()
    {
        await using var runtime = await LambdaRuntimeEmulator.StartAsync();
        await using var host = HostProcess.Start(
            new HostLaunch(
                fixture.Publish.Executable,
                new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = runtime.RuntimeApi },
                WorkingDirectory: fixture.Publish.PublishDirectory),
            "lambda-no-table");

        var error = await runtime.FirstInitError.WaitAsync(TimeSpan.FromSeconds(60));

        var line = JsonNode.Parse(error.Body)!["errorMessage"]!.GetValue<string>();
        Assert.Equal("Runtime.InitError", error.ErrorType);
        Assert.StartsWith("AWS_LAMBDA_RUNTIME_API is set (Lambda mode)", line, StringComparison.Ordinal);
        Assert.Contains("Serverless:Aws:TableName", line, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => host.HasExited, "the function's process has exited");
        Assert.Contains("stderr: " + line, host.Output, StringComparison.Ordinal);
    }

    private string Sqs(string queue) => AwsStorage.Connection(fixture.Sqs, fixture.Prefix).QueueName(queue);

    private static JsonObject Record(string id, string queue, string body) => new()
    {
        ["messageId"] = id,
        ["receiptHandle"] = "receipt-" + id,
        ["body"] = body,
        ["attributes"] = new JsonObject
        {
            ["ApproximateReceiveCount"] = "1",
            ["SentTimestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(),
        },
        ["messageAttributes"] = new JsonObject(),
        ["eventSource"] = "aws:sqs",
        ["eventSourceARN"] = "arn:aws:sqs:us-east-1:000000000000:" + queue,
        ["awsRegion"] = "us-east-1",
    };
}
