namespace Serverless.Host.Tests.Support;

/// <summary>Runs alone, so its event listener hears no other test's service provider.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceProviderGenericsCollection
{
    public const string Name = "ServiceProviderGenerics";
}
