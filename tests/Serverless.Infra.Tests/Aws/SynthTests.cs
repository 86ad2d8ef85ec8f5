namespace Serverless.Infra.Tests.Aws;

/// <summary><c>cdk synth</c> succeeds without an AWS account and prints no warning.</summary>
[Collection(AwsStackCollection.Name)]
[Trait(Tier.Trait, Tier.Cdk)]
public sealed class SynthTests(SynthesizedStack stack)
{
    [Fact]
    public void Synth_succeeds_with_a_dummy_account_and_writes_the_template()
    {
        Assert.True(stack.Synth.ExitCode == 0, stack.Synth.ToString());
        Assert.NotEmpty(stack.Template.Resources);
    }

    [Fact]
    public void Synth_prints_no_warning()
    {
        Assert.DoesNotContain("warning", stack.Synth.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("!!", stack.Synth.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void No_custom_resource_and_no_function_but_the_app_is_synthesized()
    {
        Assert.DoesNotContain(stack.Template.Resources.Values, r => ((string)r["Type"]!).StartsWith(
            "Custom::",
            StringComparison.Ordinal));
        Assert.DoesNotContain(
            stack.Template.Resources.Values,
            r => (string?)r["Type"] == "AWS::CloudFormation::CustomResource");
        _ = stack.Template.Single("AWS::Lambda::Function");
    }
}
