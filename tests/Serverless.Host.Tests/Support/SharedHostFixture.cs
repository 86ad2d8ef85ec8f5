namespace Serverless.Host.Tests.Support;

/// <summary>
/// A host with the default settings (approval threshold 1000.00, keys off), shared by the
/// <see cref="SharedHostCollection"/>.
/// </summary>
public sealed class SharedHostFixture : HostFixture
{
    protected override string Name => "shared";
}
