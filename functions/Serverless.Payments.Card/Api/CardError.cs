namespace Serverless.Payments.Card.Api;

/// <summary>What went wrong, in the provider's words.</summary>
/// <param name="Type"><c>card_error</c>, <c>invalid_request_error</c>, <c>idempotency_error</c>…</param>
/// <param name="Code">The specific reason, e.g. <c>card_declined</c> or <c>idempotency_key_in_use</c>.</param>
/// <param name="DeclineCode">The issuer's reason for a decline, e.g. <c>insufficient_funds</c>.</param>
/// <param name="Message">A sentence for people.</param>
internal sealed record CardError(string? Type, string? Code, string? DeclineCode, string? Message);
