using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serverless.Durable.Client;
using Serverless.Durable.Engine;
using Serverless.Durable.Serialization;
using Serverless.Durable.Tests.Support;
using Serverless.Storage;
using Serverless.Storage.Sqlite;

namespace Serverless.Durable.Tests;

/// <summary>
/// AddDurableTask wires the engine and the SDK client to the container's storage, clock, converter and services.
/// </summary>
public sealed class ServiceCollectionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "durable-di-" + Guid.NewGuid().ToString("N"));

    public ServiceCollectionTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task The_registered_converter_clock_and_services_reach_the_client_the_engine_and_the_activities()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var storage = new SqliteStorageProvider(
            new SqliteStorageOptions { DataSource = Path.Combine(_directory, "di.db") },
            time);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IStorageProvider>(storage)
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<DataConverter>(new SourceGeneratedDataConverter(TestJsonContext.Default))
            .AddScoped<Greeting>()
            .AddDurableTask(
                registry => registry
                    .AddActivity("Greet", sp => new GreetActivity(sp.GetRequiredService<Greeting>()))
                    .AddOrchestratorFunc<SagaInput, string>(
                        "GreetOrder",
                        (ctx, input) => ctx.CallActivityAsync<string>("Greet", input.OrderId)),
                options => options.TaskHub = "ditests");
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<DurableTaskClient>();
        var engine = provider.GetRequiredService<DurableTaskEngine>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync("GreetOrder", new SagaInput("o-7", false));
        await TestHub.RunUntilIdleAsync(storage, engine, abandonOnError: false);
        var result = await client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.IsType<EngineDurableTaskClient>(client);
        Assert.Equal("ditests", client.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result!.RuntimeStatus);
        Assert.Equal("hello o-7", result.ReadOutputAs<string>());
        Assert.Equal(time.GetUtcNow(), result.CreatedAt);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Greeting
    {
        public string Word { get; } = "hello";
    }

    private sealed class GreetActivity(Greeting greeting) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            Task.FromResult($"{greeting.Word} {input}");
    }
}
