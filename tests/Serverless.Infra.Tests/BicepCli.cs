using System.Reflection;

namespace Serverless.Infra.Tests;

/// <summary>
/// The Bicep CLI that restore brought from NuGet (Azure.Bicep.CommandLine.linux-x64; its build props set BicepPath).
/// Every call passes <c>--no-restore</c>: infra/ uses local modules only, so the CLI needs no network.
/// </summary>
internal static class BicepCli
{
    public static string Executable { get; } = Locate();

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static Task<ProcessResult> RunAsync(
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.RunAsync(Executable, workingDirectory, arguments, environment);

    private static string Locate()
    {
        var recorded = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(recorded))
        {
            throw new InvalidOperationException(
                "BicepPath was not recorded: the Azure.Bicep.CommandLine.linux-x64 package's build props did not " +
                    "load.");
        }

        // The package's props join the folder and the name with '\'; on Linux that is an ordinary character.
        var path = System.IO.Path.GetFullPath(recorded.Replace('\\', System.IO.Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No Bicep CLI at {path}.", path);
        }

        // A package cache extracted without the execute bit (another user, another NuGet) would stop every test here.
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }

        return path;
    }
}
