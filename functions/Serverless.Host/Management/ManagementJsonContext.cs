using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Host.Management;

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(InstanceStatusResponse))]
[JsonSerializable(typeof(List<InstanceStatusResponse>))]
[JsonSerializable(typeof(PurgeResponse))]
[JsonSerializable(typeof(FailureResponse))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<PoisonQueueResponse>))]
[JsonSerializable(typeof(PoisonMessagesResponse))]
[JsonSerializable(typeof(QueueMessageResponse))]
[JsonSerializable(typeof(RequeueResponse))]
[JsonSerializable(typeof(HealthDetailsResponse))]
[JsonSerializable(typeof(RatesResponse))]
internal sealed partial class ManagementJsonContext : JsonSerializerContext;
