using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Aws.Tables;

/// <summary>The condition expression that enforces one operation's precondition, and how its failure reads.</summary>
internal sealed record WriteCondition(
    string? Expression,
    Dictionary<string, string>? Names,
    Dictionary<string, AttributeValue>? Values)
{
    /// <summary>Never stored (versions are non-negative): what an ETag not issued here is compared as.</summary>
    private const long NoVersion = -1;

    public static WriteCondition For(TableOperation operation) => operation switch
    {
        { Kind: TableOperationKind.Upsert } => new(null, null, null),
        { Kind: TableOperationKind.Insert } => Exists(negate: true),
        { IfMatch: null or TableOperation.AnyETag } => Exists(negate: false),
        _ => new(
            "#v = :v",
            new(StringComparer.Ordinal) { ["#v"] = ItemMapping.VersionAttribute },
            new(StringComparer.Ordinal) { [":v"] = ItemMapping.Number(Version(operation.IfMatch)) }),
    };

    /// <summary>
    /// Why the precondition of <paramref name="operation"/> failed, from the item DynamoDB found (returned with the
    /// failure): an insert found a row; a replace or delete found none, or one of another version.
    /// </summary>
    public static TableConflictReason Reason(TableOperation operation, Dictionary<string, AttributeValue>? found) =>
        operation.Kind == TableOperationKind.Insert ? TableConflictReason.EntityAlreadyExists
        : found is { Count: > 0 } ? TableConflictReason.ETagMismatch
        : TableConflictReason.EntityNotFound;

    private static WriteCondition Exists(bool negate) => new(
        negate ? "attribute_not_exists(#pk)" : "attribute_exists(#pk)",
        new(StringComparer.Ordinal) { ["#pk"] = ItemMapping.PartitionKeyAttribute },
        null);

    private static long Version(string ifMatch) =>
        long.TryParse(ifMatch, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : NoVersion;
}
