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
    /// The port the Lambda Web Adapter forwards to unless <c>AWS_LWA_PORT</c> or <c>PORT</c> says otherwise.
    /// </summary>
    public const int DefaultAwsPort = 8080;

    /// <summary>
    /// <see cref="HostingMode.Aws"/> when <c>AWS_LAMBDA_RUNTIME_API</c> is set, otherwise
    /// <see cref="HostingMode.Local"/>.
    /// </summary>
    public static HostingMode Detect(IConfiguration configuration)
    {
        return string.IsNullOrWhiteSpace(configuration[AwsLambdaRuntimeApiKey]) ? HostingMode.Local : HostingMode.Aws;
    }

    /// <summary>
    /// The loopback endpoint to listen on: locally <c>Serverless:Port</c> (<c>--port</c>) or 7071; on AWS
    /// <c>AWS_LWA_PORT</c>, <c>PORT</c> or 8080. Port 0 asks the OS for a free port.
    /// </summary>
    /// <exception cref="InvalidSettingException">A configured port is not a number between 0 and 65535.</exception>
    public static IPEndPoint GetListenEndpoint(IConfiguration configuration, HostingMode mode)
    {
        var port = mode switch
        {
            HostingMode.Aws =>
                ReadPort(configuration, "AWS_LWA_PORT") ?? ReadPort(configuration, "PORT") ?? DefaultAwsPort,
            _ => ReadPort(configuration, FunctionsHostOptions.SectionName + ":Port") ?? DefaultLocalPort,
        };
        return new IPEndPoint(IPAddress.Loopback, port);
    }

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
