using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>The listing tests on the in-memory backend.</summary>
public sealed class InMemoryInstanceListingTests : InstanceListingTests
{
    private protected override TestHub CreateHub(Action<DurableTaskRegistry> register) => TestHub.InMemory(register);
}
