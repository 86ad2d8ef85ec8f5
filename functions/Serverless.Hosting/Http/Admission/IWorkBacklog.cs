namespace Serverless.Hosting.Http.Admission;

/// <summary>How far behind the host's workers are, for admission control (the durable engine reports it).</summary>
public interface IWorkBacklog
{
    /// <summary>
    /// How long the work that began most recently (new orchestrations, activities) had waited to begin; zero when none
    /// began lately (an idle host is not behind).
    /// </summary>
    TimeSpan WorkDelay { get; }
}
