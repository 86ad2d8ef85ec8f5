namespace Serverless.Hosting;

/// <summary>Who triggers the functions: the binary itself, the Azure Functions host, or AWS Lambda.</summary>
public enum HostingMode
{
    /// <summary>The local Functions emulator: Kestrel serves HTTP functions and built-in pollers run queue functions.</summary>
    Local,

    /// <summary>An Azure Functions custom handler: the Functions host forwards requests (chosen when <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> is set).</summary>
    Azure,

    /// <summary>AWS Lambda behind the Lambda Web Adapter (chosen when <c>AWS_LAMBDA_RUNTIME_API</c> is set).</summary>
    Aws,
}
