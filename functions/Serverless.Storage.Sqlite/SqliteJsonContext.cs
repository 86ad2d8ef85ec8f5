using System.Text.Json.Serialization;

namespace Serverless.Storage.Sqlite;

/// <summary>Source-generated (reflection-free, AOT-safe) JSON for the entities' property bags.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
