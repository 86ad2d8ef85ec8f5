using System.Globalization;
using Serverless.Storage.Tables;

namespace Serverless.Workers.Leases;

/// <summary>
/// Maps <see cref="WorkerLeaseRecord"/> to the rows of <see cref="WorkerLeaseOptions.TableName"/>: one partition, one
/// row per worker.
/// </summary>
internal static class WorkerLeaseRows
{
    public const string Partition = "workers";

    public static TableEntity ToEntity(WorkerLeaseRecord lease)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Machine"] = lease.Machine,
            ["ProcessId"] = lease.ProcessId.ToString(CultureInfo.InvariantCulture),
            ["StartedAt"] = Format(lease.StartedAt),
            ["RenewedAt"] = Format(lease.RenewedAt),
            ["ExpiresAt"] = Format(lease.ExpiresAt),
        };
        if (lease.HostKey is { } hostKey)
        {
            properties["HostKey"] = hostKey;
        }

        if (lease.ProcessStart is { } processStart)
        {
            properties["ProcessStart"] = processStart;
        }

        return new TableEntity(Partition, lease.WorkerId) { Properties = properties };
    }

    public static WorkerLeaseRecord FromEntity(TableEntity row) =>
        new(
            row.RowKey,
            row.Properties.GetValueOrDefault("Machine", ""),
            int.TryParse(
                row.Properties.GetValueOrDefault("ProcessId"),
                NumberStyles.Integer,
                CultureInfo.InvariantCulture,
                out var pid)
                ? pid
                : 0,
            Parse(row, "StartedAt"),
            Parse(row, "RenewedAt"),
            Parse(row, "ExpiresAt"))
        {
            ETag = row.ETag,
            HostKey = row.Properties.GetValueOrDefault("HostKey"),
            ProcessStart = row.Properties.GetValueOrDefault("ProcessStart"),
        };

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    // An unreadable time reads as long past: such a lease counts as expired rather than keeping messages forever.
    private static DateTimeOffset Parse(TableEntity row, string property) =>
        DateTimeOffset.TryParse(
            row.Properties.GetValueOrDefault(property),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out var time)
            ? time
            : DateTimeOffset.MinValue;
}
