using System.Text.Json;

namespace Serverless.Bench.FunctionApp;

/// <summary>
/// How the Functions host starts the worker of a publish folder: worker.config.json's <c>defaultExecutablePath</c>
/// (<c>dotnet</c> for a framework-dependent app, the apphost for a self-contained one) and <c>defaultWorkerPath</c>.
/// </summary>
internal sealed record WorkerCommand(string Executable, IReadOnlyList<string> Arguments)
{
    private const string WorkerRoot = "{WorkerRoot}";

    public static WorkerCommand Read(string directory)
    {
        var config = Path.Combine(directory, "worker.config.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        var description = json.RootElement.GetProperty("description");
        var executable = Resolve(directory, description.GetProperty("defaultExecutablePath").GetString());
        var worker = Resolve(directory, description.GetProperty("defaultWorkerPath").GetString());
        if (executable is null || worker is null)
        {
            throw new InvalidOperationException($"{config} names no defaultExecutablePath or defaultWorkerPath.");
        }

        // dotnet runs the worker's dll; an apphost is the worker itself.
        return Path.GetFileName(executable) == "dotnet"
            ? new WorkerCommand(executable, [worker])
            : new WorkerCommand(executable, []);
    }

    public override string ToString() => string.Join(' ', Arguments.Prepend(Executable).Select(Path.GetFileName));

    private static string? Resolve(string directory, string? path) =>
        path is null or "dotnet"
            ? path
            : Path.GetFullPath(Path.Combine(directory, path.Replace(WorkerRoot, "", StringComparison.Ordinal)));
}
