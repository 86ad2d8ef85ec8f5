namespace Serverless.Durable.Tests.Support;

internal sealed record SagaInput(string OrderId, bool FailAtTheEnd);
