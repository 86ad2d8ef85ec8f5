namespace Serverless.Hosting;

/// <summary>
/// Who triggers the functions: the binary itself, or AWS Lambda. (On Azure the Function App,
/// <c>Serverless.Functions</c>, is an isolated worker of its own; the custom-handler mode is gone.)
/// </summary>
public enum HostingMode
{
    /// <summary>
    /// The local Functions emulator: Kestrel serves HTTP functions and built-in pollers run queue functions.
    /// </summary>
    Local,

    /// <summary>AWS Lambda behind the Lambda Web Adapter (chosen when <c>AWS_LAMBDA_RUNTIME_API</c> is set).</summary>
    Aws,
}
