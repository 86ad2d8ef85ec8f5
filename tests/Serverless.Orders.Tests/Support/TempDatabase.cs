using Serverless.Storage.Sqlite;

namespace Serverless.Orders.Tests.Support;

/// <summary>A SQLite storage account in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly List<SqliteStorageProvider> _providers = [];
    private readonly string _file;

    public TempDatabase()
    {
        Root = Path.Combine(Path.GetTempPath(), "orders-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        _file = Path.Combine(Root, "orders.db");
    }

    public string Root { get; }

    /// <summary>Opens a provider on the file; several providers on one file behave like several processes.</summary>
    public SqliteStorageProvider Open(TimeProvider? time = null)
    {
        var provider = new SqliteStorageProvider(new SqliteStorageOptions { DataSource = _file }, time);
        _providers.Add(provider);
        return provider;
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
