using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;
using Serverless.Storage;
using Serverless.Storage.InMemory;

namespace Serverless.Durable.Tests;

/// <summary>The listing tests on the in-memory backend.</summary>
public sealed class InMemoryInstanceListingTests : InstanceListingTests
{
    private protected override TestHub CreateHub(Action<DurableTaskRegistry> register)
    {
        IStorageProvider? store = null;
        return new TestHub(register, storage: hub => store ??= new InMemoryStorageProvider(hub.Time));
    }
}
