using System.Runtime.CompilerServices;
using Microsoft.DurableTask;

namespace Serverless.Conformance.Tests.Catalog.Tasks;

/// <summary>
/// Fails its first <c>failures</c> attempts with an <see cref="InvalidOperationException"/>, then returns the attempt
/// number. The attempt counter belongs to one run (the registration callback makes a new one per run).
/// </summary>
internal sealed class FlakyActivity(StrongBox<int> attempts, int failures) : TaskActivity<string, int>
{
    public const string Name = "Flaky";

    /// <summary>Registers a Flaky activity whose first <paramref name="failures"/> attempts of this run fail.</summary>
    public static void Register(DurableTaskRegistry registry, int failures)
    {
        var attempts = new StrongBox<int>();
        registry.AddActivity(Name, _ => new FlakyActivity(attempts, failures));
    }

    public override Task<int> RunAsync(TaskActivityContext context, string input)
    {
        var attempt = Interlocked.Increment(ref attempts.Value);
        return attempt <= failures
            ? throw new InvalidOperationException($"attempt {attempt} failed")
            : Task.FromResult(attempt);
    }
}
