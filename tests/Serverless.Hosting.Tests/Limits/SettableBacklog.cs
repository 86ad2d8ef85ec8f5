using Serverless.Hosting.Http.Admission;

namespace Serverless.Hosting.Tests.Limits;

/// <summary>A backlog the test sets: how far behind the host claims to be.</summary>
internal sealed class SettableBacklog : IWorkBacklog
{
    public TimeSpan WorkDelay { get; set; }
}
