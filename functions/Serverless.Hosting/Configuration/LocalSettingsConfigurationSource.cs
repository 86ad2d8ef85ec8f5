using Microsoft.Extensions.Configuration;

namespace Serverless.Hosting.Configuration;

/// <summary>
/// Reads an Azure Functions <c>local.settings.json</c>: each entry of <c>Values</c> becomes a configuration key
/// (<c>__</c> or <c>:</c> separate sections), <c>ConnectionStrings</c> entries become <c>ConnectionStrings:name</c>,
/// and <c>Host.LocalHttpPort</c> becomes <c>Serverless:Port</c>. A missing file adds nothing.
/// </summary>
public sealed class LocalSettingsConfigurationSource : IConfigurationSource
{
    /// <summary>The file name Core Tools reads from the function app's directory.</summary>
    public const string FileName = "local.settings.json";

    /// <summary>The absolute path of the file.</summary>
    public required string Path { get; init; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LocalSettingsConfigurationProvider(Path);
}
