using Microsoft.Extensions.Configuration;

namespace Serverless.Storage.Aws.Configuration;

/// <summary>
/// The AWS backend's settings, read the AWS way: the physical DynamoDB table and the queue prefix from
/// <c>Serverless:Aws</c>, the region from <c>Serverless:Aws:Region</c> or the SDK's own resolution (<c>AWS_REGION</c>,
/// the profile, the instance metadata), an emulator's endpoints from the SDKs' standard
/// <c>AWS_ENDPOINT_URL_DYNAMODB</c>, <c>AWS_ENDPOINT_URL_SQS</c> or <c>AWS_ENDPOINT_URL</c>. Credentials are never
/// settings: the default chain finds them.
/// </summary>
public static class AwsStorageConnection
{
    /// <summary>The section of the settings; its <c>TableName</c> turns the backend on.</summary>
    public const string SectionName = "Serverless:Aws";

    /// <summary>The setting that names the physical table, and so chooses this backend.</summary>
    public const string TableNameKey = SectionName + ":TableName";

    /// <summary>Whether <paramref name="configuration"/> asks for the AWS backend.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[TableNameKey]);

    /// <summary>
    /// Reads both connections. Throws <see cref="ArgumentException"/> naming the setting that is malformed.
    /// </summary>
    public static (DynamoDbConnection Tables, SqsConnection Queues) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var region = Value(configuration, SectionName + ":Region");
        var shared = Endpoint(configuration, "AWS_ENDPOINT_URL");
        var tables = new DynamoDbConnection
        {
            Region = region,
            TableName = Value(configuration, TableNameKey) ?? DynamoDbConnection.DefaultTableName,
            ServiceUrl = Endpoint(configuration, "AWS_ENDPOINT_URL_DYNAMODB") ?? shared,
        };
        var queues = new SqsConnection
        {
            Region = region,
            QueuePrefix = Value(configuration, SectionName + ":QueuePrefix") ?? "",
            ServiceUrl = Endpoint(configuration, "AWS_ENDPOINT_URL_SQS") ?? shared,
        };
        Validate(tables.Validate, TableNameKey);
        Validate(queues.Validate, SectionName + ":QueuePrefix");
        return (tables, queues);
    }

    private static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

    private static Uri? Endpoint(IConfiguration configuration, string key) =>
        Value(configuration, key) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw new ArgumentException($"{key} is '{text}'; it must be an absolute http(s) URL.");

    private static void Validate(Action validate, string setting)
    {
        try
        {
            validate();
        }
        catch (ArgumentException exception)
        {
            var message = exception.ParamName is { } name
                ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
                : exception.Message;
            throw new ArgumentException($"{setting}: {message}", exception);
        }
    }
}
