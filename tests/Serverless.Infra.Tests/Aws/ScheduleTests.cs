using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Serverless.Infra.Tests.Aws.CloudFormationTemplate;

namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// The host's timers as EventBridge Scheduler schedules: each invokes the function with <c>{"timer":"name"}</c>
/// (docs/aws.md), at least a minute apart, with no retries.
/// </summary>
[Collection(AwsStackCollection.Name)]
[Trait(Tier.Trait, Tier.Cdk)]
public sealed partial class ScheduleTests(SynthesizedStack stack)
{
    public static TheoryData<string, string> Timers => new()
    {
        { "Sweep", "rate(1 minute)" },
        { "ReconcileOrders", "rate(5 minutes)" },
        { "PurgeHistory", "rate(1 hour)" },
    };

    private CloudFormationTemplate Template => stack.Template;

    [Theory]
    [MemberData(nameof(Timers))]
    public void Timer_invokes_the_function_on_its_schedule_with_a_payload_naming_it(string timer, string schedule)
    {
        var properties = Assert.Single(Schedules(), s => Timer(s) == timer);
        var target = properties["Target"]!;

        Assert.Equal(schedule, (string?)properties["ScheduleExpression"]);
        Assert.Equal(Template.OfType("AWS::Lambda::Function").Single().Key, Target(target["Arn"]));
        Assert.Equal(0, (int)target["RetryPolicy"]!["MaximumRetryAttempts"]!);
        Assert.Equal("OFF", (string?)properties["FlexibleTimeWindow"]!["Mode"]);
        Assert.Equal("ENABLED", (string?)properties["State"]);
    }

    [Fact]
    public void There_is_one_schedule_per_timer_none_more_often_than_a_minute()
    {
        Assert.Equal(Timers.Count, Schedules().Count);
        Assert.All(Schedules(), s =>
        {
            var rate = Rate().Match((string)s["ScheduleExpression"]!);
            Assert.True(rate.Success, (string?)s["ScheduleExpression"]);
            Assert.True(int.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture) >= 1);
        });
    }

    [Fact]
    public void A_failed_timer_run_is_not_retried_by_Lambda_either()
    {
        var config = Properties(Template.Single("AWS::Lambda::EventInvokeConfig"));

        Assert.Equal(0, (int)config["MaximumRetryAttempts"]!);
        Assert.Equal(60, (int)config["MaximumEventAgeInSeconds"]!);
        Assert.Equal(Template.OfType("AWS::Lambda::Function").Single().Key, Target(config["FunctionName"]));
    }

    private List<JsonNode> Schedules() =>
        Template.OfType("AWS::Scheduler::Schedule").Values.Select(Properties).ToList();

    // The documented payload: one property, "timer".
    private static string? Timer(JsonNode schedule)
    {
        var payload = JsonNode.Parse((string)schedule["Target"]!["Input"]!)!.AsObject();
        Assert.Equal(["timer"], payload.Select(p => p.Key));
        return (string?)payload["timer"];
    }

    [GeneratedRegex(@"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")]
    private static partial Regex Rate();
}
