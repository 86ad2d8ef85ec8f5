using System.Text.RegularExpressions;

namespace Serverless.Storage.Aws.Configuration;

/// <summary>
/// Where the queues are, the AWS way: a region, an optional endpoint override for an emulator, and a prefix that keeps
/// several apps' queues apart in one account. Credentials are never part of it: clients use the SDK's default
/// credential chain.
/// </summary>
public sealed partial class SqsConnection
{
    /// <summary>
    /// The AWS region (e.g. <c>eu-west-1</c>); when <see langword="null"/>, the SDK's own resolution.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>
    /// An endpoint that replaces the region's (the SDK's <c>ServiceURL</c>), e.g. <c>http://127.0.0.1:4566</c> for an
    /// emulator; <see langword="null"/> for AWS itself.
    /// </summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>
    /// Put in front of every queue name with a hyphen (<c>order-events</c> becomes <c>{prefix}-order-events</c>): at
    /// most 16 letters, digits, '_' or '-', so that every name of the ports fits SQS's 80 characters; empty for none.
    /// </summary>
    public string QueuePrefix { get; init; } = "";

    /// <summary>Throws <see cref="ArgumentException"/> naming what is malformed.</summary>
    public void Validate()
    {
        if (QueuePrefix.Length > 0 && !PrefixPattern().IsMatch(QueuePrefix))
        {
            throw new ArgumentException(
                $"'{QueuePrefix}' is not a valid queue prefix (at most 16 letters, digits, '_' or '-').",
                nameof(QueuePrefix));
        }

        if (ServiceUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException($"The service URL '{ServiceUrl}' is not absolute.", nameof(ServiceUrl));
        }
    }

    /// <summary>The SQS name of the ports' queue <paramref name="name"/>.</summary>
    public string QueueName(string name) => QueuePrefix.Length == 0 ? name : QueuePrefix + "-" + name;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,16}$")]
    private static partial Regex PrefixPattern();
}
