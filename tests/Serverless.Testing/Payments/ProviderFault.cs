namespace Serverless.Testing.Payments;

/// <summary>What <see cref="FakeCardProvider"/> does wrong while it is set.</summary>
public enum ProviderFault
{
    /// <summary>Nothing: every request is answered as the API says.</summary>
    None,

    /// <summary>An outage: every request is answered 503, and nothing is done.</summary>
    ServerErrors,

    /// <summary>A hang: every request waits past the client's timeout before a 504, and nothing is done.</summary>
    Timeouts,

    /// <summary>
    /// A charge (or a refund) is done, recorded in the ledger, but its answer waits past the client's timeout; a
    /// lookup is answered as usual.
    /// </summary>
    ChargeThenTimeout,

    /// <summary>
    /// An outage of both kinds: requests take <see cref="ServerErrors"/>, <see cref="Timeouts"/> and
    /// <see cref="ChargeThenTimeout"/> in turn (a lookup hangs when its turn is the last).
    /// </summary>
    Mixed,
}
