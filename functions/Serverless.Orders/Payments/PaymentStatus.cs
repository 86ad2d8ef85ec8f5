using System.Text.Json.Serialization;

namespace Serverless.Orders.Payments;

/// <summary>Where the payment of one order stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentStatus>))]
public enum PaymentStatus
{
    /// <summary>No money has moved (a charge may be being retried).</summary>
    None,

    /// <summary>The charge was declined; no money moved.</summary>
    Declined,

    /// <summary>The order's amount was charged.</summary>
    Charged,

    /// <summary>The charge was refunded.</summary>
    Refunded,

    /// <summary>Cancelled before any charge: no money moved, and any later charge is declined.</summary>
    Voided,
}
