namespace Serverless.Testing;

/// <summary>
/// How a <see cref="HostProcess"/> runs the host: by default <c>dotnet Serverless.Host.dll</c> from the test's output
/// folder; or a published <paramref name="Executable"/> (the Native AOT binary). <paramref name="Environment"/> is set
/// on the process after the test run's own settings are scrubbed (e.g. <c>AzureWebJobsStorage</c>).
/// <paramref name="Seed"/> fills the empty data directory before the first start. <paramref name="WorkingDirectory"/>
/// replaces the empty one the host otherwise runs in.
/// </summary>
public sealed record HostLaunch(
    string? Executable = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    Action<string>? Seed = null,
    string? WorkingDirectory = null)
{
    /// <summary>
    /// The storage connection the host is given, or <see langword="null"/> for its embedded SQLite file.
    /// </summary>
    public string? StorageConnectionString => Environment?.GetValueOrDefault("AzureWebJobsStorage");
}
