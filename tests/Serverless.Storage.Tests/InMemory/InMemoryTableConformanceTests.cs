using Serverless.Storage.InMemory;
using Serverless.Storage.Tests.Conformance;

namespace Serverless.Storage.Tests.InMemory;

public sealed class InMemoryTableConformanceTests : TableConformanceTests
{
    protected override IStorageProvider CreateProvider(TimeProvider time) => new InMemoryStorageProvider(time);
}
