using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Serverless.Infra.Aws;

/// <summary>
/// The Native AOT host as a Lambda function on the OS-only runtime: <c>provided.al2023</c> runs the file
/// <c>bootstrap</c> of the asset folder, which the host's Lambda mode answers. Its role starts empty (no managed
/// policy: AWSLambdaBasicExecutionRole grants logs on every log group); <see cref="AppPermissions"/> adds the rest.
/// </summary>
internal sealed class AppFunction : Construct
{
    public AppFunction(Construct scope, string id, StackSettings settings, StateTable table, string region)
        : base(scope, id)
    {
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "The order saga function: its table, its queues and its own log group only.",
        });
        // A log group of its own, so retention is set without CDK's log-retention custom resource (a second function
        // with logs:* permissions).
        Logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = Retention(settings.LogRetentionDays),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Handler = new Amazon.CDK.AWS.Lambda.Function(this, "Function", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = Code.FromAsset(settings.BootstrapDirectory),
            Architecture = settings.Architecture,
            MemorySize = settings.MemoryMb,
            Timeout = Duration.Seconds(settings.TimeoutSeconds),
            Role = Role,
            LogGroup = Logs,
            Description = "Serverless.Host in Lambda mode (Native AOT bootstrap).",
            Environment = new Dictionary<string, string>
            {
                [EnvironmentNames.TableName] = table.Table.TableName,
                [EnvironmentNames.QueuePrefix] = settings.QueuePrefix,
                [EnvironmentNames.Region] = region,
            },
        });
        // Schedules invoke it asynchronously: Lambda would retry a failed timer twice, up to six hours later, behind
        // the next run of the same schedule.
        Handler.ConfigureAsyncInvoke(new EventInvokeConfigOptions
        {
            RetryAttempts = 0,
            MaxEventAge = Duration.Seconds(60),
        });
    }

    public Role Role { get; }

    public LogGroup Logs { get; }

    public Amazon.CDK.AWS.Lambda.Function Handler { get; }

    private static RetentionDays Retention(int days) => days switch
    {
        7 => RetentionDays.ONE_WEEK,
        14 => RetentionDays.TWO_WEEKS,
        30 => RetentionDays.ONE_MONTH,
        90 => RetentionDays.THREE_MONTHS,
        180 => RetentionDays.SIX_MONTHS,
        365 => RetentionDays.ONE_YEAR,
        _ => throw new ArgumentException($"Context 'logRetentionDays' is {days}; use 7, 14, 30, 90, 180 or 365."),
    };
}
