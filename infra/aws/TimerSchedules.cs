using System.Text.Json;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Scheduler;
using Constructs;

namespace Serverless.Infra.Aws;

/// <summary>
/// One EventBridge Scheduler schedule per timer of <see cref="TimerNames"/>, invoking the function with
/// <c>{"timer":"&lt;name&gt;"}</c>. Scheduler assumes a role that may invoke this function only. No retries and a
/// 60 s event age: a missed run is made up by the next one, never stacked behind it.
/// </summary>
internal sealed class TimerSchedules : Construct
{
    public TimerSchedules(
        Construct scope,
        string id,
        Amazon.CDK.AWS.Lambda.IFunction function,
        IReadOnlyDictionary<string, string> schedules)
        : base(scope, id)
    {
        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("scheduler.amazonaws.com"),
            Description = "EventBridge Scheduler: invokes the order saga function's timers.",
        });
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "InvokeTimers",
            Actions = ["lambda:InvokeFunction"],
            Resources = [function.FunctionArn],
        }));

        foreach (var timer in TimerNames.All)
        {
            _ = new CfnSchedule(this, timer, new CfnScheduleProps
            {
                Description = $"The host's {timer} timer.",
                ScheduleExpression = schedules[timer],
                FlexibleTimeWindow = new CfnSchedule.FlexibleTimeWindowProperty { Mode = "OFF" },
                State = "ENABLED",
                Target = new CfnSchedule.TargetProperty
                {
                    Arn = function.FunctionArn,
                    RoleArn = role.RoleArn,
                    Input = Payload(timer),
                    RetryPolicy = new CfnSchedule.RetryPolicyProperty
                    {
                        MaximumRetryAttempts = 0,
                        MaximumEventAgeInSeconds = 60,
                    },
                },
            });
        }
    }

    /// <summary>The event the function receives: <c>{"timer":"Sweep"}</c>.</summary>
    public static string Payload(string timer) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["timer"] = timer });
}
