using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.Serialization;
using Serverless.Storage;

namespace Serverless.Durable.Tests.Support;

/// <summary>
/// The smallest orchestration with steps: <c>GreetTwice</c> calls the activity <c>Greet</c> twice and joins the
/// results.
/// </summary>
internal static class GreetTwice
{
    public const string Name = "GreetTwice";

    /// <summary>What it returns for <paramref name="name"/>.</summary>
    public static string Output(string name) => $"hello {name}, hello {name}";

    /// <summary>
    /// The engine's services on <paramref name="storage"/> and <paramref name="time"/>, with <c>GreetTwice</c>
    /// registered.
    /// </summary>
    public static IServiceCollection Services(
        IStorageProvider storage,
        TimeProvider time,
        Action<DurableTaskOptions> configure) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton(storage)
            .AddSingleton(time)
            .AddSingleton<DataConverter>(new SourceGeneratedDataConverter(TestJsonContext.Default))
            .AddDurableTask(
                registry => registry
                    .AddActivityFunc<string, string>("Greet", (_, name) => $"hello {name}")
                    .AddOrchestratorFunc<string, string>(Name, async (ctx, name) =>
                        await ctx.CallActivityAsync<string>("Greet", name) + ", " + await ctx.CallActivityAsync<string>(
                            "Greet",
                            name)),
                configure);
}
