using System.Globalization;
using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace Serverless.Infra.Aws;

/// <summary>
/// What the stack is built from: CDK context (cdk.json's defaults, overridden with <c>-c name=value</c>). Only
/// <c>bootstrapDir</c> has no default: the folder of the Native AOT publish whose <c>bootstrap</c> Lambda runs.
/// </summary>
internal sealed record StackSettings(
    string StackName,
    string BootstrapDirectory,
    Architecture Architecture,
    int MemoryMb,
    int TimeoutSeconds,
    string TableName,
    string QueuePrefix,
    int LogRetentionDays,
    IReadOnlyDictionary<string, string> Schedules)
{
    public static StackSettings From(Node node)
    {
        var bootstrap = Text(node, "bootstrapDir", "");
        if (bootstrap.Length == 0)
        {
            throw new ArgumentException(
                "Context 'bootstrapDir' is required: the folder of the linux AOT publish holding 'bootstrap' " +
                    "(cdk synth -c bootstrapDir=path; infra/aws/deploy.sh passes it).");
        }

        return new StackSettings(
            Text(node, "stackName", "ServerlessOrders"),
            Path.GetFullPath(bootstrap),
            Text(node, "architecture", "x86_64") switch
            {
                "x86_64" => Architecture.X86_64,
                "arm64" => Architecture.ARM_64,
                var other => throw new ArgumentException(
                    $"Context 'architecture' is '{other}'; it must be x86_64 (linux-x64 publish) or arm64 " +
                        "(linux-arm64 publish)."),
            },
            Number(node, "memoryMb", 1024),
            Number(node, "timeoutSeconds", 30),
            Text(node, "tableName", "serverless"),
            Text(node, "queuePrefix", ""),
            Number(node, "logRetentionDays", 30),
            TimerNames.All.ToDictionary(
                timer => timer,
                timer => Text(node, TimerNames.ContextKey(timer), TimerNames.DefaultSchedule(timer)),
                StringComparer.Ordinal));
    }

    // Context comes as JSON values from cdk.json and as strings from -c: both read through their text.
    private static string Text(Node node, string key, string fallback) =>
        Convert.ToString(node.TryGetContext(key), CultureInfo.InvariantCulture) is { Length: > 0 } value
            ? value
            : fallback;

    private static int Number(Node node, string key, int fallback) =>
        int.Parse(Text(node, key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
