namespace Serverless.Host.Tests.Lambda;

/// <summary>The tests that share one published AOT host in Lambda mode and its emulators.</summary>
[CollectionDefinition(Name)]
public sealed class LambdaHostCollection : ICollectionFixture<LambdaHostFixture>
{
    public const string Name = "Lambda host";
}
