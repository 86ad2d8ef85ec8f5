namespace Serverless.Lambda.Timers;

/// <summary>Runs the host's timers once each when a schedule fires.</summary>
public interface ILambdaTimers
{
    /// <summary>The timers' names, as the schedules send them.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>Runs timer <paramref name="name"/> (one of <see cref="Names"/>) once.</summary>
    Task RunAsync(string name, CancellationToken cancellationToken);
}
