namespace Serverless.LambdaRuntime;

/// <summary>An error a runtime posted to <c>/runtime/init/error</c> before asking for its first invocation.</summary>
/// <param name="ErrorType">The <c>Lambda-Runtime-Function-Error-Type</c> header, when sent.</param>
/// <param name="Body">The posted document (<c>errorMessage</c>, <c>errorType</c>, <c>stackTrace</c>).</param>
public sealed record LambdaInitError(string? ErrorType, string Body);
