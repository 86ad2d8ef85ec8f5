using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Orders.Tests.Support;

/// <summary>
/// A storage provider whose tables count their point reads by row key, and may act right after one (to change a row
/// between a reader's look and its write).
/// </summary>
internal sealed class ReadCountingStorage(IStorageProvider inner) : IStorageProvider
{
    private readonly Dictionary<string, ReadCountingTable> _tables = new(StringComparer.Ordinal);

    /// <summary>Runs after each point read, with the row key read.</summary>
    public Func<string, Task>? AfterGet { get; set; }

    public ITable GetTable(string name)
    {
        lock (_tables)
        {
            if (!_tables.TryGetValue(name, out var table))
            {
                _tables[name] = table = new ReadCountingTable(inner.GetTable(name), this);
            }

            return table;
        }
    }

    public IQueue GetQueue(string name) => inner.GetQueue(name);

    /// <summary>Point reads of <paramref name="rowKey"/> in table <paramref name="table"/> so far.</summary>
    public int Reads(string table, string rowKey) => ((ReadCountingTable)GetTable(table)).Reads(rowKey);
}
