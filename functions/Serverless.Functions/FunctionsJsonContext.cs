using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Functions.Http;

namespace Serverless.Functions;

/// <summary>Source-generated JSON of the Function App's own payloads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthStatus))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
