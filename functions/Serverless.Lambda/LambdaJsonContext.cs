using System.Text.Json.Serialization;
using Serverless.Lambda.Http;
using Serverless.Lambda.Runtime;
using Serverless.Lambda.Sqs;
using Serverless.Lambda.Timers;

namespace Serverless.Lambda;

/// <summary>The events and answers of Lambda mode, serialized without reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
[JsonSerializable(typeof(SqsBatch))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(ScheduledTimer))]
[JsonSerializable(typeof(InvocationError))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
