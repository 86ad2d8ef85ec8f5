namespace Serverless.Host.Tests.Support;

/// <summary>
/// The load tests: each starts its own host, and they run alone (after the parallel tests), one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "Load";
}
