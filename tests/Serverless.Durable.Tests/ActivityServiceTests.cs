using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// Activities take services by constructor, from a DI scope of their own per run (as Durable Functions gives them).
/// </summary>
public sealed class ActivityServiceTests
{
    private const string Probe = "Probe";
    private const string ProbeTwice = "ProbeTwice";

    private static TestHub CreateHub(ScopeLedger ledger) => new(
        registry => registry
            .AddActivity(
                Probe,
                sp => new ProbeActivity(sp.GetRequiredService<PerRun>(), sp.GetRequiredService<ScopeLedger>()))
            .AddOrchestratorFunc<string, List<string>>(ProbeTwice, async (ctx, _) =>
                [
                    await ctx.CallActivityAsync<string>(Probe, "first"),
                    await ctx.CallActivityAsync<string>(Probe, "second")]),
        services: services => services.AddScoped<PerRun>().AddSingleton(ledger));

    [Fact]
    public async Task A_scoped_service_is_a_new_instance_for_each_activity_run_and_is_disposed_after_it()
    {
        var ledger = new ScopeLedger();
        using var hub = CreateHub(ledger);

        var id = await hub.StartAsync(ProbeTwice, "");
        var result = (await hub.RunToCompletionAsync(id)).ReadOutputAs<List<string>>()!;

        Assert.Equal(2, result.Count);
        Assert.NotEqual(result[0], result[1]);
        Assert.Equal(result.Order(StringComparer.Ordinal), ledger.Disposed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_singleton_service_is_shared_by_every_activity_run()
    {
        var ledger = new ScopeLedger();
        using var hub = CreateHub(ledger);

        var id = await hub.StartAsync(ProbeTwice, "");
        await hub.RunToCompletionAsync(id);

        Assert.Equal(["first", "second"], ledger.Inputs);
    }

    /// <summary>A scoped service: one per activity run.</summary>
    private sealed class PerRun(ScopeLedger ledger) : IDisposable
    {
        public string Id { get; } = Guid.NewGuid().ToString("N");

        public void Dispose() => ledger.Dispose(Id);
    }

    /// <summary>A singleton that outlives every scope and records what happened in them.</summary>
    private sealed class ScopeLedger
    {
        private readonly List<string> _disposed = [];
        private readonly List<string> _inputs = [];

        public IReadOnlyList<string> Disposed
        {
            get
            {
                lock (_disposed)
                {
                    return [.. _disposed];
                }
            }
        }

        public IReadOnlyList<string> Inputs
        {
            get
            {
                lock (_inputs)
                {
                    return [.. _inputs];
                }
            }
        }

        public void Dispose(string id)
        {
            lock (_disposed)
            {
                _disposed.Add(id);
            }
        }

        public void Ran(string input)
        {
            lock (_inputs)
            {
                _inputs.Add(input);
            }
        }
    }

    private sealed class ProbeActivity(PerRun perRun, ScopeLedger ledger) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input)
        {
            ledger.Ran(input);
            return Task.FromResult(perRun.Id);
        }
    }
}
