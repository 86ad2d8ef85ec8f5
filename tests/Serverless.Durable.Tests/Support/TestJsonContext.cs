using System.Text.Json.Serialization;

namespace Serverless.Durable.Tests.Support;

/// <summary>The JSON contracts of every payload the tests' orchestrations, activities and events use.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(SagaInput))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
