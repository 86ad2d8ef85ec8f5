using Microsoft.Extensions.Configuration;

namespace Serverless.Hosting.Tests;

public sealed class HostingModeTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();

    [Fact]
    public void Nothing_detected_means_local()
    {
        Assert.Equal(HostingMode.Local, HostingModeDetector.Detect(Configuration()));
    }

    [Fact]
    public void A_custom_handler_port_no_longer_means_anything()
    {
        Assert.Equal(
            HostingMode.Local,
            HostingModeDetector.Detect(Configuration(("FUNCTIONS_CUSTOMHANDLER_PORT", "40123"))));
    }

    [Fact]
    public void A_lambda_runtime_api_means_aws()
    {
        Assert.Equal(
            HostingMode.Aws,
            HostingModeDetector.Detect(Configuration(("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"))));
    }

    [Fact]
    public void An_empty_variable_detects_nothing()
    {
        Assert.Equal(HostingMode.Local, HostingModeDetector.Detect(Configuration(("AWS_LAMBDA_RUNTIME_API", " "))));
    }

    [Fact]
    public void Local_mode_listens_on_loopback_7071_unless_a_port_is_configured()
    {
        var byDefault = HostingModeDetector.GetListenEndpoint(Configuration(), HostingMode.Local);
        var configured = HostingModeDetector.GetListenEndpoint(
            Configuration(("Serverless:Port", "7072")),
            HostingMode.Local);

        Assert.Equal("127.0.0.1:7071", byDefault.ToString());
        Assert.Equal("127.0.0.1:7072", configured.ToString());
    }

    [Fact]
    public void Aws_mode_listens_where_the_web_adapter_forwards()
    {
        var byDefault = HostingModeDetector.GetListenEndpoint(Configuration(), HostingMode.Aws);
        var configured = HostingModeDetector.GetListenEndpoint(
            Configuration(("AWS_LWA_PORT", "9000")),
            HostingMode.Aws);

        Assert.Equal(8080, byDefault.Port);
        Assert.Equal(9000, configured.Port);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("70000")]
    public void An_invalid_port_is_refused(string port)
    {
        Assert.Throws<InvalidSettingException>(() => HostingModeDetector.GetListenEndpoint(
            Configuration(("Serverless:Port", port)),
            HostingMode.Local));
    }
}
