namespace Serverless.Payments.Card.Api;

/// <summary>The body of every error answer: <c>{"error": {...}}</c>.</summary>
internal sealed record CardErrorResponse(CardError? Error);
