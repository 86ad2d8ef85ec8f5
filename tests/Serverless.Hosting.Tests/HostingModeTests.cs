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
    public void A_lambda_runtime_api_means_lambda()
    {
        Assert.Equal(
            HostingMode.Lambda,
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

        Assert.Equal("127.0.0.1:7071", byDefault!.ToString());
        Assert.Equal("127.0.0.1:7072", configured!.ToString());
    }

    [Fact]
    public void Lambda_mode_listens_nowhere_even_with_a_port_configured()
    {
        Assert.Null(HostingModeDetector.GetListenEndpoint(
            Configuration(("Serverless:Port", "7072")),
            HostingMode.Lambda));
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
