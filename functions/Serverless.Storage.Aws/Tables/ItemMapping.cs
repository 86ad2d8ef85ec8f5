using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using PortTableEntity = Serverless.Storage.Tables.TableEntity;

namespace Serverless.Storage.Aws.Tables;

/// <summary>
/// Converts between the ports' entities and DynamoDB items: the keys, a number attribute for the ETag, one for the
/// timestamp, and every property as a string attribute of its own name. Refuses, before anything is sent, what
/// DynamoDB would refuse: names this layout reserves, keys and items over DynamoDB's sizes.
/// </summary>
internal static class ItemMapping
{
    public const string PartitionKeyAttribute = "pk";
    public const string SortKeyAttribute = "sk";

    /// <summary>The ETag: a number, new on every write. '@' keeps it apart from any portable property name.</summary>
    public const string VersionAttribute = "@v";

    /// <summary>The write's time, in UTC ticks.</summary>
    public const string TimestampAttribute = "@ts";

    /// <summary>DynamoDB's limit on one item: names and values, UTF-8.</summary>
    public const int MaxItemBytes = 400 * 1024;

    /// <summary>DynamoDB's limits on the keys (UTF-8).</summary>
    public const int MaxPartitionKeyBytes = 2048;

    /// <summary>DynamoDB's limits on the sort key (UTF-8).</summary>
    public const int MaxSortKeyBytes = 1024;

    /// <summary>A number attribute's most bytes as DynamoDB sizes it (one per two digits, plus one).</summary>
    private const int NumberBytes = 21;

    private static readonly HashSet<string> Reserved = new(
        [PartitionKeyAttribute, SortKeyAttribute, VersionAttribute, TimestampAttribute],
        StringComparer.Ordinal);

    public static string PartitionKey(string table, string partitionKey) => table + "|" + partitionKey;

    /// <summary>The item's key, refused when DynamoDB could not store it.</summary>
    public static Dictionary<string, AttributeValue> Key(string table, string partitionKey, string rowKey)
    {
        var pk = PartitionKey(table, partitionKey);
        CheckKey(pk, MaxPartitionKeyBytes, "partition key", partitionKey);
        if (rowKey.Length == 0)
        {
            throw new ArgumentException("DynamoDB cannot store an empty row key (a sort key has at least one byte).");
        }

        CheckKey(rowKey, MaxSortKeyBytes, "row key", rowKey);
        return new(StringComparer.Ordinal)
        {
            [PartitionKeyAttribute] = new AttributeValue { S = pk },
            [SortKeyAttribute] = new AttributeValue { S = rowKey },
        };
    }

    /// <summary>The whole item for <paramref name="entity"/>, with its size as DynamoDB counts it.</summary>
    public static Dictionary<string, AttributeValue> ToItem(
        string table,
        PortTableEntity entity,
        long version,
        DateTimeOffset timestamp,
        out int sizeBytes)
    {
        var item = Key(table, entity.PartitionKey, entity.RowKey);
        var size = KeyBytes(item) + Encoding.UTF8.GetByteCount(VersionAttribute) + NumberBytes
            + Encoding.UTF8.GetByteCount(TimestampAttribute) + NumberBytes;
        item[VersionAttribute] = Number(version);
        item[TimestampAttribute] = Number(timestamp.UtcTicks);
        foreach (var (name, value) in entity.Properties)
        {
            if (name.Length == 0 || Reserved.Contains(name))
            {
                throw Refused(entity, $"property name '{name}' is empty or reserved by this backend");
            }

            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value);
            item[name] = new AttributeValue { S = value };
        }

        if (size > MaxItemBytes)
        {
            throw Refused(entity, $"it is {size} bytes; a DynamoDB item holds at most {MaxItemBytes}");
        }

        sizeBytes = size;
        return item;
    }

    /// <summary>The size of a key-only item (a delete's share of a transaction).</summary>
    public static int KeyBytes(Dictionary<string, AttributeValue> key) =>
        Encoding.UTF8.GetByteCount(PartitionKeyAttribute) + Encoding.UTF8.GetByteCount(key[PartitionKeyAttribute].S)
        + Encoding.UTF8.GetByteCount(SortKeyAttribute) + Encoding.UTF8.GetByteCount(key[SortKeyAttribute].S);

    /// <summary>The entity stored in <paramref name="item"/> of logical table <paramref name="table"/>.</summary>
    public static PortTableEntity FromItem(string table, Dictionary<string, AttributeValue> item)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in item)
        {
            if (!Reserved.Contains(name) && value.S is { } text)
            {
                properties[name] = text;
            }
        }

        return new PortTableEntity(item[PartitionKeyAttribute].S[(table.Length + 1)..], item[SortKeyAttribute].S)
        {
            Properties = properties,
            ETag = item[VersionAttribute].N,
            Timestamp = new DateTimeOffset(
                long.Parse(item[TimestampAttribute].N, NumberStyles.None, CultureInfo.InvariantCulture),
                TimeSpan.Zero),
        };
    }

    public static AttributeValue Number(long value) =>
        new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static void CheckKey(string stored, int maxBytes, string what, string key)
    {
        var bytes = Encoding.UTF8.GetByteCount(stored);
        if (bytes > maxBytes)
        {
            throw new ArgumentException(
                $"The {what} '{key[..Math.Min(key.Length, 40)]}…' is {bytes} bytes as stored; DynamoDB allows at " +
                    $"most {maxBytes}.");
        }
    }

    private static ArgumentException Refused(PortTableEntity entity, string reason) =>
        new($"Entity ({entity.PartitionKey}, {entity.RowKey}) cannot be stored in DynamoDB: {reason}. Nothing was " +
            "written.");
}
