using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Hosting.Http;

/// <summary>Source-generated JSON for this library's own payloads; first in the HTTP resolver chain.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthResponse))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
