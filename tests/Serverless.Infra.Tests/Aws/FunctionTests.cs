using System.Text.Json.Nodes;
using Serverless.Storage.Aws.Configuration;
using static Serverless.Infra.Tests.Aws.CloudFormationTemplate;

namespace Serverless.Infra.Tests.Aws;

/// <summary>The function: the AOT bootstrap on the OS-only runtime, its settings, environment and log group.</summary>
[Collection(AwsStackCollection.Name)]
[Trait(Tier.Trait, Tier.Cdk)]
public sealed class FunctionTests(SynthesizedStack stack)
{
    private CloudFormationTemplate Template => stack.Template;

    private JsonNode Function => Properties(Template.Single("AWS::Lambda::Function"));

    [Fact]
    public void Function_runs_the_bootstrap_on_provided_al2023_for_x86_64_by_default()
    {
        Assert.Equal("provided.al2023", (string?)Function["Runtime"]);
        Assert.Equal("bootstrap", (string?)Function["Handler"]);
        Assert.Equal(["x86_64"], Function["Architectures"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public void Function_has_1024_MB_and_a_30_second_timeout_the_http_api_allows()
    {
        Assert.Equal(1024, (int)Function["MemorySize"]!);
        Assert.Equal(30, (int)Function["Timeout"]!);
    }

    [Fact]
    public void Function_environment_names_the_table_the_queue_prefix_and_the_region()
    {
        var variables = Function["Environment"]!["Variables"]!;
        var table = Template.OfType("AWS::DynamoDB::Table").Single().Key;

        Assert.Equal(table, Target(variables[EnvironmentVariable(AwsStorageConnection.TableNameKey)]));
        Assert.Equal("", (string?)variables[EnvironmentVariable(AwsStorageConnection.SectionName + ":QueuePrefix")]);
        Assert.Equal(
            SynthesizedStack.Region,
            (string?)variables[EnvironmentVariable(AwsStorageConnection.SectionName + ":Region")]);
    }

    [Fact]
    public void Function_logs_to_its_own_log_group_kept_30_days()
    {
        var group = Template.OfType("AWS::Logs::LogGroup").Single();

        Assert.Equal(group.Key, Target(Function["LoggingConfig"]!["LogGroup"]));
        Assert.Equal(30, (int)Properties(group.Value)["RetentionInDays"]!);
    }

    [Fact]
    public void Http_api_sends_every_route_to_the_function_with_payload_2_0()
    {
        var function = Template.OfType("AWS::Lambda::Function").Single().Key;
        var api = Properties(Template.Single("AWS::ApiGatewayV2::Api"));
        var route = Properties(Template.Single("AWS::ApiGatewayV2::Route"));
        var integration = Properties(Template.Single("AWS::ApiGatewayV2::Integration"));

        Assert.Equal("HTTP", (string?)api["ProtocolType"]);
        Assert.Equal("$default", (string?)route["RouteKey"]);
        Assert.Equal("AWS_PROXY", (string?)integration["IntegrationType"]);
        Assert.Equal("2.0", (string?)integration["PayloadFormatVersion"]);
        Assert.Equal(function, Target(integration["IntegrationUri"]));
    }

    // The host reads Serverless:Aws:TableName; an environment variable spells its ':' as "__".
    private static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
