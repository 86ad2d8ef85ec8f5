namespace Serverless.Hosting.Http.Admission;

/// <summary>How far behind the host's workers are, for admission control (the durable engine reports it).</summary>
public interface IWorkBacklog
{
    /// <summary>
    /// How long the orchestrations that began most recently had waited since they were started; zero when none began
    /// lately (an idle host is not behind).
    /// </summary>
    TimeSpan StartDelay { get; }
}
