using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// One orchestration run, described without naming a runtime: what to register, what to start with which input,
/// what to do to the instance while it runs, and how long it may take to reach a terminal state.
/// </summary>
/// <param name="Name">The scenario's name; also the key of the outcome cache and of the differential test.</param>
/// <param name="Register">
/// Adds the orchestrators and activities. Called once per run, so state captured by the factories (a counter that
/// makes an orchestrator non-deterministic) is fresh for every run. Use the factory or instance overloads of
/// <see cref="DurableTaskRegistry"/> (AOT-safe), never the reflection-based <c>AddOrchestrator&lt;T&gt;()</c>.
/// </param>
/// <param name="Orchestrator">The orchestrator to start.</param>
/// <param name="Input">The orchestration input (serialized by the runtime's data converter).</param>
/// <param name="Steps">What the client does to the running instance, in order.</param>
/// <param name="Deadline">How long the whole run may take before it counts as stuck (not a latency assertion).</param>
public sealed record Scenario(
    string Name,
    Action<DurableTaskRegistry> Register,
    TaskName Orchestrator,
    object? Input,
    IReadOnlyList<ScenarioStep> Steps,
    TimeSpan Deadline)
{
    /// <summary>The deadline of a scenario that names none: generous, since the machine is shared.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// For a scenario whose tasks act on a world of their own (see <see cref="IScenarioWorld"/>): creates that world
    /// for one run. <see cref="ConformanceFixture"/> creates one per run, registers through it instead of
    /// <see cref="Register"/>, and keeps it for the behaviour tests.
    /// </summary>
    public Func<CancellationToken, Task<IScenarioWorld>>? NewWorld { get; init; }

    /// <summary>
    /// Whether the orchestrator's code differs between its first execution and its replays, as across a deployment: a
    /// runtime that keeps executions in memory between episodes (the engine's execution cache, Durable Functions'
    /// extended sessions) runs such a scenario as a new process would, replaying every episode.
    /// </summary>
    public bool ChangesCodeBetweenEpisodes { get; init; }

    /// <summary>
    /// A client probe run once the instance is terminal (its outcome read), given the client and the instance id; what
    /// it returns is the outcome's <see cref="ScenarioOutcome.AfterFinish"/>, compared across runtimes like the rest.
    /// </summary>
    public Func<DurableTaskClient, string, CancellationToken, Task<string>>? AfterFinish { get; init; }

    /// <summary>
    /// The versions the run uses (client default, start options, worker versioning); null for an unversioned run.
    /// </summary>
    public ScenarioVersioning? Versioning { get; init; }

    /// <summary>A scenario that starts the orchestrator and only waits for it.</summary>
    public static Scenario Start(
        string name,
        Action<DurableTaskRegistry> register,
        TaskName orchestrator,
        object? input = null)
        => new(name, register, orchestrator, input, [], DefaultDeadline);

    /// <summary>
    /// A scenario whose tasks act on a world created by <paramref name="newWorld"/> for every run. It runs through
    /// <see cref="ConformanceFixture"/> only, which creates the world before the run.
    /// </summary>
    public static Scenario StartInWorld(
        string name,
        Func<CancellationToken,
        Task<IScenarioWorld>> newWorld,
        TaskName orchestrator,
        object? input)
        => new(
            name,
            _ => throw new InvalidOperationException($"Scenario {name} needs a world of its own: run it through " +
                $"ConformanceFixture."),
            orchestrator,
            input,
            [],
            DefaultDeadline)
        {
            NewWorld = newWorld,
        };

    /// <summary>The same scenario with one more client step.</summary>
    public Scenario Then(ScenarioStep step) => this with { Steps = [.. Steps, step] };

    /// <inheritdoc/>
    public override string ToString() => Name;
}
