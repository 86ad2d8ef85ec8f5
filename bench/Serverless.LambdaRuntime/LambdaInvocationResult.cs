namespace Serverless.LambdaRuntime;

/// <summary>
/// How one invocation ended: the body the runtime posted as its response, or an error (posted by the runtime, or the
/// emulator's own when the deadline passed or the runtime went away).
/// </summary>
/// <param name="RequestId">The invocation's <c>Lambda-Runtime-Aws-Request-Id</c>.</param>
/// <param name="IsError">Whether it ended as an error rather than a response.</param>
/// <param name="Body">The response, or the error document (<c>errorMessage</c>, <c>errorType</c>, ...).</param>
/// <param name="ErrorType">For an error, its <c>errorType</c> (<c>Sandbox.Timedout</c> past the deadline); otherwise
/// <see langword="null"/>.</param>
public sealed record LambdaInvocationResult(string RequestId, bool IsError, string Body, string? ErrorType);
