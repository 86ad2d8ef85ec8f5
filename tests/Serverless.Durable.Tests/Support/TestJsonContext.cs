using System.Text.Json.Serialization;

namespace Serverless.Durable.Tests.Support;

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(Unit))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(SagaInput))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
