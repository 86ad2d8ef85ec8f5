using System.Text.Json.Serialization;

namespace Serverless.Payments.Card.Api;

/// <summary>The provider's JSON, snake_case, compiled ahead of time (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CardCharge))]
[JsonSerializable(typeof(CardChargeList))]
[JsonSerializable(typeof(CardRefund))]
[JsonSerializable(typeof(CardChargeRequest))]
[JsonSerializable(typeof(CardRefundRequest))]
[JsonSerializable(typeof(CardErrorResponse))]
internal sealed partial class CardPaymentsJsonContext : JsonSerializerContext;
