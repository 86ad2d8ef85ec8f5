using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Serverless.Hosting;

/// <summary>Detects the <see cref="HostingMode"/> from configuration and chooses the address to listen on.</summary>
public static class HostingModeDetector
{
    /// <summary>Set by AWS Lambda in every function's environment.</summary>
    public const string AwsLambdaRuntimeApiKey = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The port Azure Functions Core Tools listens on, and so the local default.</summary>
    public const int DefaultLocalPort = 7071;

    /// <summary>
    /// <see cref="HostingMode.Lambda"/> when <c>AWS_LAMBDA_RUNTIME_API</c> is set, otherwise
    /// <see cref="HostingMode.Local"/>.
    /// </summary>
    public static HostingMode Detect(IConfiguration configuration)
    {
        return string.IsNullOrWhiteSpace(configuration[AwsLambdaRuntimeApiKey])
            ? HostingMode.Local
            : HostingMode.Lambda;
    }

    /// <summary>
    /// The loopback endpoint to listen on: in local mode <c>Serverless:Port</c> (<c>--port</c>) or 7071, port 0 asking
    /// the OS for a free port; in Lambda mode none (there is no socket).
    /// </summary>
    /// <exception cref="InvalidSettingException">A configured port is not a number between 0 and 65535.</exception>
    public static IPEndPoint? GetListenEndpoint(IConfiguration configuration, HostingMode mode) =>
        mode == HostingMode.Local
            ? new IPEndPoint(
                IPAddress.Loopback,
                ReadPort(configuration, FunctionsHostOptions.SectionName + ":Port") ?? DefaultLocalPort)
            : null;

    private static int? ReadPort(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port <= IPEndPoint.MaxPort
            ? port
            : throw new InvalidSettingException($"Configuration '{key}' must be a port number between 0 and 65535, " +
                $"not '{text}'.");
    }
}
