using Amazon.CDK;
using Constructs;

namespace Serverless.Infra.Aws;

/// <summary>
/// The order saga on AWS: the HTTP API, the function, its queues with dead-letter queues and event source mappings,
/// the table, the timers' schedules, the role, the log group and the dead-letter alarms (docs/aws.md).
/// </summary>
internal sealed class OrderSagaStack : Amazon.CDK.Stack
{
    public OrderSagaStack(Construct scope, string id, StackSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        var table = new StateTable(this, "State", settings.TableName);
        var queues = new WorkQueues(
            this,
            "Queues",
            settings.QueuePrefix,
            QueueTriggers.VisibilityTimeout(settings.TimeoutSeconds));
        var function = new AppFunction(this, "App", settings, table, Region);
        AppPermissions.Grant(function.Role, table.Table, queues.All, function.Logs);
        QueueTriggers.Add(function.Handler, queues.All);
        var http = new HttpEntry(this, "Http", function.Handler);
        _ = new TimerSchedules(this, "Timers", function.Handler, settings.Schedules);
        _ = new DeadLetterAlarms(this, "DeadLetters", queues.All);

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = http.Api.ApiEndpoint });
        _ = new CfnOutput(this, "FunctionName", new CfnOutputProps { Value = function.Handler.FunctionName });
        _ = new CfnOutput(this, "TableName", new CfnOutputProps { Value = table.Table.TableName });
    }
}
