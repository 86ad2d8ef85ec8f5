using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Hosting.Tests;

internal sealed record OrderRequest(string CustomerId, IReadOnlyList<OrderLine> Items);

internal sealed record OrderLine(string Sku, int Quantity);

internal sealed record RequiredRequest
{
    public required string CustomerId { get; init; }

    public required int Priority { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderRequest))]
[JsonSerializable(typeof(RequiredRequest))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
