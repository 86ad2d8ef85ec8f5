using System.Globalization;
using Microsoft.DurableTask;
using Serverless.Storage;
using Serverless.Storage.Tables;

namespace Serverless.Durable.TestWorker;

/// <summary>
/// The orchestration two worker processes share in the two-process test: it adds three activity results. Each activity
/// records which process ran it, so the test can see who did what.
/// </summary>
public static class SharedWork
{
    /// <summary>The table of activity executions.</summary>
    public const string EffectsTable = "effects";

    /// <summary>Doubles its input and records the execution.</summary>
    public const string Twice = "Twice";

    /// <summary>Sums the doubles of n, n+1 and n+2.</summary>
    public const string SumOfDoubles = "SumOfDoubles";

    /// <summary>
    /// Registers the orchestration and its activity, recording executions in <paramref name="storage"/>.
    /// </summary>
    public static void Register(DurableTaskRegistry registry, IStorageProvider storage) => registry
        .AddActivityFunc<int, int>(Twice, async (ctx, n) =>
        {
            var effects = storage.GetTable(EffectsTable);
            await effects.CreateIfNotExistsAsync();
            await effects.UpsertAsync(
                new TableEntity(ctx.InstanceId, $"{n.ToString(CultureInfo.InvariantCulture)}:{Environment.ProcessId}")
                {
                    Properties = new Dictionary<string,
                    string> { ["Process"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) },
                });
            return n * 2;
        })
        .AddOrchestratorFunc<int, int>(SumOfDoubles, async (ctx, n) =>
        {
            var results = await Task.WhenAll(
                ctx.CallActivityAsync<int>(Twice, n),
                ctx.CallActivityAsync<int>(Twice, n + 1));
            return results.Sum() + await ctx.CallActivityAsync<int>(Twice, n + 2);
        });
}
