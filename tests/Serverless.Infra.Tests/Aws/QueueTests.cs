using static Serverless.Infra.Tests.Aws.CloudFormationTemplate;

namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// The queues: the app's names, each with its poison queue as dead-letter queue after the app's dequeue count, an
/// event source mapping with partial batch responses, a visibility timeout of six function timeouts, SSE-SQS and
/// HTTPS only.
/// </summary>
[Collection(AwsStackCollection.Name)]
[Trait(Tier.Trait, Tier.Cdk)]
public sealed class QueueTests(SynthesizedStack stack)
{
    public static TheoryData<string> WorkQueues => [.. AppQueues.Work];

    private CloudFormationTemplate Template => stack.Template;

    [Fact]
    public void The_stack_has_exactly_the_app_queues_and_their_poison_queues()
    {
        var expected = AppQueues.Work.SelectMany(q => new[] { q, AppQueues.Poison(q) }).Order(StringComparer.Ordinal);
        var names = Template.OfType("AWS::SQS::Queue").Values
            .Select(q => (string?)Properties(q)["QueueName"])
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, names);
    }

    [Theory]
    [MemberData(nameof(WorkQueues))]
    public void Work_queue_redrives_to_its_poison_queue_as_a_backstop_at_four_times_the_app_max_dequeue_count(
        string queue)
    {
        var redrive = Properties(Template.QueueNamed(queue).Value)["RedrivePolicy"]!;
        var poison = Template.QueueNamed(AppQueues.Poison(queue));

        Assert.Equal(poison.Key, Target(redrive["deadLetterTargetArn"]));
        Assert.Equal(4 * AppQueues.MaxDequeueCount, (int)redrive["maxReceiveCount"]!);
        Assert.Null(Properties(poison.Value)["RedrivePolicy"]);
    }

    [Theory]
    [MemberData(nameof(WorkQueues))]
    public void Work_queue_triggers_the_function_in_batches_of_10_reporting_item_failures(string queue)
    {
        var id = Template.QueueNamed(queue).Key;
        var mapping = Properties(Assert.Single(
            Template.OfType("AWS::Lambda::EventSourceMapping").Values,
            m => Target(Properties(m)["EventSourceArn"]) == id));

        Assert.Equal(["ReportBatchItemFailures"], mapping["FunctionResponseTypes"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(10, (int)mapping["BatchSize"]!);
        Assert.Null(mapping["MaximumBatchingWindowInSeconds"]);
        Assert.Equal(Template.OfType("AWS::Lambda::Function").Single().Key, Target(mapping["FunctionName"]));
    }

    [Fact]
    public void Only_work_queues_trigger_the_function()
    {
        Assert.Equal(AppQueues.Work.Count, Template.OfType("AWS::Lambda::EventSourceMapping").Count);
    }

    [Theory]
    [MemberData(nameof(WorkQueues))]
    public void Work_queue_hides_a_delivery_for_at_least_six_function_timeouts(string queue)
    {
        var timeout = (int)Properties(Template.Single("AWS::Lambda::Function"))["Timeout"]!;

        Assert.True((int)Properties(Template.QueueNamed(queue).Value)["VisibilityTimeout"]! >= 6 * timeout);
    }

    [Fact]
    public void Every_queue_is_encrypted_with_sqs_managed_keys_keeps_14_days_and_refuses_plain_http()
    {
        foreach (var (id, queue) in Template.OfType("AWS::SQS::Queue"))
        {
            Assert.True((bool)Properties(queue)["SqsManagedSseEnabled"]!, id);
            Assert.Equal(1_209_600, (int)Properties(queue)["MessageRetentionPeriod"]!);
            var policy = Assert.Single(
                Template.OfType("AWS::SQS::QueuePolicy").Values,
                p => List(Properties(p)["Queues"]).Any(q => Target(q) == id));
            var deny = Properties(policy)["PolicyDocument"]!["Statement"]!.AsArray().Single()!;
            Assert.Equal("Deny", (string?)deny["Effect"]);
            Assert.Equal("false", (string?)deny["Condition"]!["Bool"]!["aws:SecureTransport"]);
        }
    }

    [Fact]
    public void An_alarm_watches_each_poison_queue_for_one_visible_message()
    {
        var alarms = Template.OfType("AWS::CloudWatch::Alarm").Values.Select(Properties).ToList();

        Assert.Equal(AppQueues.Work.Count, alarms.Count);
        foreach (var queue in AppQueues.Work)
        {
            var poison = Template.QueueNamed(AppQueues.Poison(queue)).Key;
            var alarm = Assert.Single(alarms, a =>
                Target(a["Dimensions"]!.AsArray().Single()!["Value"]) == poison);
            Assert.Equal("ApproximateNumberOfMessagesVisible", (string?)alarm["MetricName"]);
            Assert.Equal("AWS/SQS", (string?)alarm["Namespace"]);
            Assert.Equal("GreaterThanThreshold", (string?)alarm["ComparisonOperator"]);
            Assert.Equal(0, (double)alarm["Threshold"]!);
            Assert.Equal(1, (int)alarm["EvaluationPeriods"]!);
        }
    }
}
