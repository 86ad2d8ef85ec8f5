using Serverless.Lambda.Runtime;

namespace Serverless.Host.Lambda;

/// <summary>
/// Tells Lambda why the host could not start, so the failure is the invocation's error, not a timeout.
/// </summary>
internal static class LambdaInit
{
    public static void ReportFailure(string runtimeApi, string line)
    {
        try
        {
            using var runtime = new RuntimeApiClient(runtimeApi);
            runtime.ReportInitErrorAsync(new InvocationError("Runtime.InitError", line)).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is HttpRequestException or ArgumentException)
        {
            // The line is on stderr already, which Lambda logs; the Runtime API is what is missing.
        }
    }
}
