using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>The listing tests on a SQLite file.</summary>
public sealed class SqliteInstanceListingTests : InstanceListingTests
{
    private protected override TestHub CreateHub(Action<DurableTaskRegistry> register) => new(register);
}
