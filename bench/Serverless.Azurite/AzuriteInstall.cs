using Serverless.Emulators;

namespace Serverless.Azurite;

/// <summary>The Azurite version this project's package.json pins, installed on first use.</summary>
internal static class AzuriteInstall
{
    private static readonly NpmPackages Packages =
        new("Serverless.Azurite", typeof(AzuriteInstall).Assembly, "azurite");

    /// <summary>Returns the path of Azurite's entry script, installing it first if needed.</summary>
    public static Task<string> EnsureAsync(CancellationToken cancellationToken) =>
        Packages.EnsureAsync(EntryPoint, cancellationToken);

    private static string? EntryPoint(string directory)
    {
        var entryPoint = Path.Combine(directory, "node_modules", "azurite", "dist", "src", "azurite.js");
        return File.Exists(entryPoint) ? entryPoint : null;
    }
}
