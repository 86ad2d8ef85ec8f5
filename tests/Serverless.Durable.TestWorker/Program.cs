using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Durable;
using Serverless.Durable.Engine;
using Serverless.Durable.Serialization;
using Serverless.Durable.TestWorker;
using Serverless.Durable.Workers;
using Serverless.Storage.Sqlite;

// A worker process for the multi-process tests: runs the engine on the SQLite file given as the first argument until
// its standard input closes. Its payloads are integers, which the converter knows without a context of its own.
using var storage = new SqliteStorageProvider(new SqliteStorageOptions { DataSource = args[0] });
var registry = new DurableTaskRegistry();
SharedWork.Register(registry, storage);
var options = Options.Create(
    new DurableTaskOptions
    {
        TaskHub = "twoprocesses",
        SweepInterval = TimeSpan.FromSeconds(5),
        SweepGrace = TimeSpan.FromSeconds(5),
    });
await using var services = new ServiceCollection().BuildServiceProvider();
var engine = new DurableTaskEngine(
    storage,
    registry,
    options,
    services,
    new SourceGeneratedDataConverter(),
    NullLoggerFactory.Instance);
using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Warning));
using var worker = new EngineQueueService(engine, storage, loggerFactory.CreateLogger<EngineQueueService>());
await worker.StartAsync(CancellationToken.None);
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
await worker.StopAsync(CancellationToken.None);
