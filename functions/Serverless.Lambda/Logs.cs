using Microsoft.Extensions.Logging;

namespace Serverless.Lambda;

internal static partial class Logs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Critical,
        Message = "The Lambda Runtime API cannot be reached; the process ends.")]
    public static partial void RuntimeApiFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "The Runtime API refused the response of invocation {RequestId} ({Bytes} bytes); reported as an " +
            "error.")]
    public static partial void ResponseRefused(ILogger logger, string requestId, int bytes);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error,
        Message = "Invocation {RequestId} failed ({ErrorType}).")]
    public static partial void InvocationFailed(
        ILogger logger,
        Exception exception,
        string requestId,
        string errorType);
}
