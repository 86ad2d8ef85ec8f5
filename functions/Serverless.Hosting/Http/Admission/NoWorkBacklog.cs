namespace Serverless.Hosting.Http.Admission;

/// <summary>The backlog of a host without workers of its own: never behind.</summary>
internal sealed class NoWorkBacklog : IWorkBacklog
{
    public static NoWorkBacklog Instance { get; } = new();

    public TimeSpan WorkDelay => TimeSpan.Zero;
}
