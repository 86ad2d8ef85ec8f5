namespace Serverless.Hosting;

/// <summary>
/// Who triggers the functions: the binary itself, or AWS Lambda. (On Azure the Function App,
/// <c>Serverless.Functions</c>, is an isolated worker of its own.)
/// </summary>
public enum HostingMode
{
    /// <summary>
    /// The local Functions emulator: Kestrel serves HTTP functions and built-in pollers run queue functions.
    /// </summary>
    Local,

    /// <summary>
    /// AWS Lambda (chosen when <c>AWS_LAMBDA_RUNTIME_API</c> is set): the host's Runtime API loop hands it HTTP
    /// requests, queue batches and timers; there is no socket and no poller.
    /// </summary>
    Lambda,
}
