using System.Text.Json.Serialization;

namespace Serverless.Durable.TestWorker;

[JsonSerializable(typeof(int))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
