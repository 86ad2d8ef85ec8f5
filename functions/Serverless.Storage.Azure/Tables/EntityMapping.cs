using System.Globalization;
using System.Text.RegularExpressions;
using AzureTableEntity = Azure.Data.Tables.TableEntity;
using PortTableEntity = Serverless.Storage.Tables.TableEntity;

namespace Serverless.Storage.Azure.Tables;

/// <summary>
/// Converts between the ports' entities (string properties, any key) and Azure Tables entities, refusing what the
/// service would refuse or cut: names it reserves or cannot store, and sizes over its limits.
/// </summary>
internal static partial class EntityMapping
{
    /// <summary>Azure Tables' limit on one entity.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Azure Tables' limit on one string property (UTF-16).</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    /// <summary>Azure Tables' limit on one key (UTF-16).</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Azure Tables' limit on custom properties per entity.</summary>
    public const int MaxProperties = 252;

    private static readonly HashSet<string> Reserved = new(
        ["PartitionKey", "RowKey", "Timestamp", "ETag"],
        StringComparer.OrdinalIgnoreCase);

    public static AzureTableEntity ToAzure(PortTableEntity entity, out int sizeBytes)
    {
        var partitionKey = EncodeKey(entity.PartitionKey, "partition key");
        var rowKey = EncodeKey(entity.RowKey, "row key");
        if (entity.Properties.Count > MaxProperties)
        {
            throw Refused(
                entity,
                $"it has {entity.Properties.Count} properties; Azure Tables stores at most {MaxProperties}");
        }

        // The service's own size formula: 4 + 2 * (key lengths) + per property 8 + 2 * name + (4 + 2 * value).
        var size = 4 + (2 * partitionKey.Length) + (2 * rowKey.Length);
        var azure = new AzureTableEntity(partitionKey, rowKey);
        foreach (var (name, value) in entity.Properties)
        {
            if (!PropertyName().IsMatch(name) || Reserved.Contains(name))
            {
                throw Refused(
                    entity,
                    $"property name '{name}' is reserved or not a valid Azure Tables property name (a letter or '_', " +
                        $"then letters, digits or '_', at most 255)");
            }

            if (2 * value.Length > MaxPropertyBytes)
            {
                throw Refused(
                    entity,
                    $"property '{name}' holds {2 * value.Length} bytes (UTF-16); Azure Tables stores at most " +
                        $"{MaxPropertyBytes} per property");
            }

            size += 8 + (2 * name.Length) + 4 + (2 * value.Length);
            azure[name] = value;
        }

        if (size > MaxEntityBytes)
        {
            throw Refused(entity, $"it is {size} bytes; Azure Tables stores at most {MaxEntityBytes} per entity");
        }

        sizeBytes = size;
        return azure;
    }

    public static PortTableEntity FromAzure(AzureTableEntity azure)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in azure)
        {
            if (value is null || Reserved.Contains(name) || name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            properties[name] = value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }

        return new PortTableEntity(KeyEncoding.Decode(azure.PartitionKey), KeyEncoding.Decode(azure.RowKey))
        {
            Properties = properties,
            ETag = azure.ETag.ToString(),
            Timestamp = azure.Timestamp ?? default,
        };
    }

    public static string EncodeKey(string key, string what)
    {
        var encoded = KeyEncoding.Encode(key);
        return 2 * encoded.Length <= MaxKeyBytes
            ? encoded
            : throw new ArgumentException($"The {what} '{key[..Math.Min(key.Length, 40)]}…' is {2 * encoded.Length} " +
                $"bytes as stored; Azure Tables allows at most {MaxKeyBytes}.");
    }

    private static ArgumentException Refused(PortTableEntity entity, string reason) =>
        new($"Entity ({entity.PartitionKey}, {entity.RowKey}) cannot be stored in Azure Tables: {reason}. Nothing " +
            $"was " +
            $"written.");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$")]
    private static partial Regex PropertyName();
}
