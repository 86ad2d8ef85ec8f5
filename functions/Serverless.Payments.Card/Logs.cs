using Microsoft.Extensions.Logging;

namespace Serverless.Payments.Card;

internal static partial class Logs
{
    [LoggerMessage(
        EventId = 7001,
        Level = LogLevel.Warning,
        Message = "Charge {IdempotencyKey}: outcome unknown ({Reason}); looking it up by its idempotency key")]
    public static partial void ChargeOutcomeUnknown(ILogger logger, string idempotencyKey, string reason);

    [LoggerMessage(
        EventId = 7002,
        Level = LogLevel.Information,
        Message = "Charge {IdempotencyKey} looked up: {Status}")]
    public static partial void ChargeLookedUp(ILogger logger, string idempotencyKey, string status);
}
