using System.Text.RegularExpressions;

namespace Serverless.Storage.Aws.Configuration;

/// <summary>
/// Where the DynamoDB table is, the AWS way: a region, an optional endpoint override for an emulator (DynamoDB Local),
/// and the physical table that holds every logical table of the ports. Credentials are never part of it: clients use
/// the SDK's default credential chain (environment, profile, container or instance role).
/// </summary>
public sealed partial class DynamoDbConnection
{
    /// <summary>The physical table used when none is named.</summary>
    public const string DefaultTableName = "serverless";

    /// <summary>
    /// The AWS region (e.g. <c>eu-west-1</c>); when <see langword="null"/>, the SDK's own resolution
    /// (<c>AWS_REGION</c>, the profile, the instance metadata).
    /// </summary>
    public string? Region { get; init; }

    /// <summary>
    /// An endpoint that replaces the region's (the SDK's <c>ServiceURL</c>), e.g. <c>http://127.0.0.1:8000</c> for
    /// DynamoDB Local; <see langword="null"/> for AWS itself.
    /// </summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>
    /// The physical DynamoDB table (3-255 letters, digits, '_', '-' or '.'); several apps share an account by
    /// using different tables.
    /// </summary>
    public string TableName { get; init; } = DefaultTableName;

    /// <summary>Throws <see cref="ArgumentException"/> naming what is malformed.</summary>
    public void Validate()
    {
        if (!TableNamePattern().IsMatch(TableName))
        {
            throw new ArgumentException(
                $"'{TableName}' is not a valid DynamoDB table name (3-255 letters, digits, '_', '-' or '.').",
                nameof(TableName));
        }

        if (ServiceUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException($"The service URL '{ServiceUrl}' is not absolute.", nameof(ServiceUrl));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();
}
