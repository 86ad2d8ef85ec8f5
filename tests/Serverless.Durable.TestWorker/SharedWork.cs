using System.Globalization;
using Serverless.Storage;
using Serverless.Storage.Tables;

namespace Serverless.Durable.TestWorker;

/// <summary>
/// The orchestration two worker processes share in the two-process test: it adds three activity results. Each activity
/// records which process ran it under its idempotency key, so the test can see who did what.
/// </summary>
public static class SharedWork
{
    /// <summary>The table of activity executions.</summary>
    public const string EffectsTable = "effects";

    /// <summary>Doubles its input and records the execution.</summary>
    public static readonly ActivityRef<int, int> Twice = new("Twice", WorkerJsonContext.Default.Int32, WorkerJsonContext.Default.Int32);

    /// <summary>Sums the doubles of n, n+1 and n+2.</summary>
    public static readonly OrchestratorRef<int, int> SumOfDoubles = new("SumOfDoubles", WorkerJsonContext.Default.Int32, WorkerJsonContext.Default.Int32);

    /// <summary>Registers the orchestration and its activity, recording executions in <paramref name="storage"/>.</summary>
    public static void Register(DurableTaskRegistry registry, IStorageProvider storage) => registry
        .AddActivity(Twice, async (ctx, n, ct) =>
        {
            var effects = storage.GetTable(EffectsTable);
            await effects.CreateIfNotExistsAsync(ct);
            await effects.UpsertAsync(
                new TableEntity(ctx.InstanceId, $"{ctx.TaskId}:{Environment.ProcessId}")
                {
                    Properties = new Dictionary<string, string> { ["Process"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) },
                },
                ct);
            return n * 2;
        })
        .AddOrchestrator(SumOfDoubles, async (ctx, n) =>
        {
            var results = await Task.WhenAll(ctx.CallActivityAsync(Twice, n), ctx.CallActivityAsync(Twice, n + 1));
            return results.Sum() + await ctx.CallActivityAsync(Twice, n + 2);
        });
}

/// <summary>The JSON contracts of <see cref="SharedWork"/>'s payloads, for tests that read outputs.</summary>
public static class SharedWorkJson
{
    /// <summary>The contract of an <see cref="int"/>.</summary>
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<int> Number => WorkerJsonContext.Default.Int32;
}
