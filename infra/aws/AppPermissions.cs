using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;

namespace Serverless.Infra.Aws;

/// <summary>
/// Exactly the actions the app's storage code calls (Serverless.Storage.Aws), on exactly the stack's resources, plus
/// what Lambda needs to write its logs. No CreateTable or CreateQueue: the stack creates both (docs/aws.md).
/// </summary>
internal static class AppPermissions
{
    /// <summary>
    /// GetItem (point reads), Query and Scan (partition and cross-partition queries), PutItem and DeleteItem (single
    /// writes and, item by item, a TransactWriteItems batch: IAM authorizes a transaction by its items' actions, and
    /// the batches hold only puts and deletes), DescribeTable (the check that the table exists).
    /// </summary>
    public static IReadOnlyList<string> TableActions { get; } =
    [
        "dynamodb:DeleteItem",
        "dynamodb:DescribeTable",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:Scan",
    ];

    /// <summary>
    /// SendMessage (sends, hops, moves to poison), ReceiveMessage / DeleteMessage / ChangeMessageVisibility (what the
    /// event source mappings do with this role, and the app's peeks, completes, abandons and renewals),
    /// GetQueueUrl (the app looks each queue up by name), GetQueueAttributes (the event source mappings, and the app's
    /// counts).
    /// </summary>
    public static IReadOnlyList<string> QueueActions { get; } =
    [
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:ReceiveMessage",
        "sqs:SendMessage",
    ];

    /// <summary>Writing to its own log group (Lambda creates the streams in it).</summary>
    public static IReadOnlyList<string> LogActions { get; } = ["logs:CreateLogStream", "logs:PutLogEvents"];

    public static void Grant(IRole role, ITable table, IEnumerable<WorkQueue> queues, ILogGroup logs)
    {
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "StateTable",
            Actions = [.. TableActions],
            Resources = [table.TableArn],
        }));
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "WorkQueues",
            Actions = [.. QueueActions],
            Resources = [.. queues.SelectMany(q => new[] { q.Queue.QueueArn, q.Poison.QueueArn })],
        }));
        // The log group's Arn attribute ends in ':*' (its streams): the one wildcard, inside a group of its own.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "OwnLogGroup",
            Actions = [.. LogActions],
            Resources = [logs.LogGroupArn],
        }));
    }
}
