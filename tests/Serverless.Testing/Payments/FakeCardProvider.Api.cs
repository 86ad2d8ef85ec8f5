using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace Serverless.Testing.Payments;

// The API and its ledger: charges and refunds by idempotency key, answered as docs/payments.md says.
public sealed partial class FakeCardProvider
{
    private readonly object _ledger = new();
    private readonly Dictionary<string, FakeCharge> _charges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeRefund> _refunds = new(StringComparer.Ordinal);
    private int _ids;

    /// <summary>Every charge in the ledger, declined ones included.</summary>
    public IReadOnlyList<FakeCharge> Charges
    {
        get
        {
            lock (_ledger)
            {
                return [.. _charges.Values];
            }
        }
    }

    /// <summary>The charges made for <paramref name="orderId"/> (its metadata), whatever their keys.</summary>
    public IReadOnlyList<FakeCharge> ChargesFor(string orderId) => [.. Charges.Where(c => c.OrderId == orderId)];

    private ResponseMessage Answer(IRequestMessage request)
    {
        if (!string.Equals(Header(request, "Authorization"), $"Bearer {ApiKey}", StringComparison.Ordinal))
        {
            return Error(401, "invalid_request_error", "api_key_invalid", "Invalid API key.");
        }

        return (request.Method, request.Path) switch
        {
            ("POST", "/v1/charges") => Charge(request),
            ("GET", "/v1/charges") => Lookup(request),
            ("POST", "/v1/refunds") => Refund(request),
            _ => Error(404, "invalid_request_error", "route_missing", $"No route {request.Method} {request.Path}."),
        };
    }

    private ResponseMessage Charge(IRequestMessage request)
    {
        if (Key(request) is not { } key || Body(request) is not { } body)
        {
            return Error(400, "invalid_request_error", "parameter_missing", "Idempotency-Key and a body are needed.");
        }

        var amount = (long)body["amount"]!;
        var source = (string)body["source"]!;
        lock (_ledger)
        {
            if (_charges.TryGetValue(key, out var seen))
            {
                return seen.Amount != amount || seen.Source != source
                    ? Error(400, "idempotency_error", "idempotency_key_reused", "Same key, other parameters.")
                    : ChargeAnswer(seen);
            }

            var declined = source == "tok_decline";
            var charge = new FakeCharge(
                $"ch_{++_ids:D6}",
                key,
                (string?)body["metadata"]?["order_id"] ?? "",
                amount,
                (string)body["currency"]!,
                source,
                declined ? "failed" : "succeeded",
                DateTimeOffset.UtcNow);
            _charges[key] = charge;
            return ChargeAnswer(charge);
        }
    }

    private ResponseMessage Lookup(IRequestMessage request)
    {
        var key = request.Query?.TryGetValue("idempotency_key", out var values) == true
            ? values.FirstOrDefault()
            : null;
        lock (_ledger)
        {
            var data = new JsonArray();
            if (key is not null && _charges.TryGetValue(key, out var charge))
            {
                data.Add(ChargeJson(charge));
            }

            return Json(200, new JsonObject { ["object"] = "list", ["data"] = data });
        }
    }

    private ResponseMessage Refund(IRequestMessage request)
    {
        if (Key(request) is not { } key || Body(request) is not { } body)
        {
            return Error(400, "invalid_request_error", "parameter_missing", "Idempotency-Key and a body are needed.");
        }

        var chargeId = (string)body["charge"]!;
        var amount = (long)body["amount"]!;
        lock (_ledger)
        {
            if (_refunds.TryGetValue(key, out var seen))
            {
                return seen.ChargeId != chargeId || seen.Amount != amount
                    ? Error(400, "idempotency_error", "idempotency_key_reused", "Same key, other parameters.")
                    : Json(200, RefundJson(seen));
            }

            var charge = _charges.Values.SingleOrDefault(c => c.Id == chargeId);
            if (charge is not { Succeeded: true })
            {
                return Error(404, "invalid_request_error", "resource_missing", $"No charge {chargeId} to refund.");
            }

            if (amount <= 0 || amount > charge.Amount - charge.AmountRefunded)
            {
                return Error(400, "invalid_request_error", "charge_already_refunded", "Nothing left to refund.");
            }

            var refund = new FakeRefund($"re_{++_ids:D6}", key, chargeId, amount, DateTimeOffset.UtcNow);
            _refunds[key] = refund;
            _charges[charge.IdempotencyKey] = charge with
            {
                AmountRefunded = charge.AmountRefunded + amount,
                Refunds = [.. charge.Refunds, refund],
            };
            return Json(200, RefundJson(refund));
        }
    }

    private static ResponseMessage ChargeAnswer(FakeCharge charge) => charge.Succeeded
        ? Json(200, ChargeJson(charge))
        : Json(402, ErrorJson("card_error", "card_declined", "Your card was declined (simulated).", charge.Id));

    private static JsonObject ChargeJson(FakeCharge charge) => new()
    {
        ["id"] = charge.Id,
        ["object"] = "charge",
        ["amount"] = charge.Amount,
        ["amount_refunded"] = charge.AmountRefunded,
        ["currency"] = charge.Currency,
        ["status"] = charge.Status,
        ["metadata"] = new JsonObject { ["order_id"] = charge.OrderId },
        ["created"] = charge.Created.ToUnixTimeSeconds(),
        ["failure_code"] = charge.Succeeded ? null : "card_declined",
        ["failure_message"] = charge.Succeeded ? null : "Your card was declined (simulated).",
        ["refunds"] = new JsonArray([.. charge.Refunds.Select(r => (JsonNode)RefundJson(r))]),
    };

    private static JsonObject RefundJson(FakeRefund refund) => new()
    {
        ["id"] = refund.Id,
        ["object"] = "refund",
        ["charge"] = refund.ChargeId,
        ["amount"] = refund.Amount,
        ["status"] = "succeeded",
        ["created"] = refund.Created.ToUnixTimeSeconds(),
    };

    private static ResponseMessage Error(int status, string type, string code, string message) =>
        Json(status, ErrorJson(type, code, message, chargeId: null));

    private static JsonObject ErrorJson(string type, string code, string message, string? chargeId) => new()
    {
        ["error"] = new JsonObject
        {
            ["type"] = type,
            ["code"] = code,
            ["message"] = message,
            ["charge"] = chargeId,
        },
    };

    private static ResponseMessage Json(int status, JsonObject body)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData
            {
                BodyAsString = body.ToJsonString(),
                DetectedBodyType = BodyType.String,
            },
        };
        response.AddHeader("Content-Type", "application/json");
        return response;
    }

    private static JsonNode? Body(IRequestMessage request)
    {
        try
        {
            return string.IsNullOrEmpty(request.Body) ? null : JsonNode.Parse(request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Key(IRequestMessage request) => Header(request, "Idempotency-Key");

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault()?.ToString(CultureInfo.InvariantCulture);
}
