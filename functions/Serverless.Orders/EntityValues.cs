using System.Globalization;
using Serverless.Storage.Tables;

namespace Serverless.Orders;

/// <summary>
/// Reads and writes the string property values of table entities (invariant culture, round-trip times).
/// </summary>
internal static class EntityValues
{
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static long Long(TableEntity entity, string name) =>
        entity[name] is { } text ? long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0;

    public static decimal Decimal(TableEntity entity, string name) =>
        entity[name] is { } text ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : 0m;

    public static DateTimeOffset Time(TableEntity entity, string name) =>
        entity[name] is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : default;

    public static TableEntity With(this TableEntity entity, params ReadOnlySpan<(string Name, string? Value)> changes)
    {
        var properties = new Dictionary<string, string>(entity.Properties, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                properties.Remove(name);
            }
            else
            {
                properties[name] = value;
            }
        }

        return new TableEntity(entity.PartitionKey, entity.RowKey) { Properties = properties };
    }

    public static TableEntity New(
        string partitionKey,
        string rowKey,
        params ReadOnlySpan<(string Name, string? Value)> properties) =>
        new TableEntity(partitionKey, rowKey).With(properties);
}
