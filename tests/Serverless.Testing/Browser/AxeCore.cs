using Serverless.Emulators;

namespace Serverless.Testing.Browser;

/// <summary>axe-core, pinned in package.json beside this file and installed with <c>npm ci</c> on first use.</summary>
public static class AxeCore
{
    private static readonly NpmPackages Packages =
        new("Serverless.Testing/Browser", typeof(AxeCore).Assembly, "axe-core");

    /// <summary>The text of <c>axe.min.js</c>, to inject into a page.</summary>
    public static async Task<string> ScriptAsync(CancellationToken cancellationToken = default)
    {
        var path = await Packages.EnsureAsync(Locate, cancellationToken);
        return await File.ReadAllTextAsync(path, cancellationToken);
    }

    private static string? Locate(string directory)
    {
        var script = Path.Combine(directory, "node_modules", "axe-core", "axe.min.js");
        return File.Exists(script) ? script : null;
    }
}
