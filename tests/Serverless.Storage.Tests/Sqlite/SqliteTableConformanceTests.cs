using Serverless.Storage.Tests.Conformance;

namespace Serverless.Storage.Tests.Sqlite;

public sealed class SqliteTableConformanceTests : TableConformanceTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override IStorageProvider CreateProvider(TimeProvider time) => _database.CreateProvider(time);
}
