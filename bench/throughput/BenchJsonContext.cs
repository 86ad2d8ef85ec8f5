using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Bench.Throughput;

/// <summary>Source-generated contracts of the bodies the benchmark reads (camelCase, as the API writes them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(StockView))]
[JsonSerializable(typeof(PaymentView))]
[JsonSerializable(typeof(HealthView))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
