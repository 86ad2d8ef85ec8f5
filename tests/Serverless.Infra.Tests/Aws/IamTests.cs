using System.Text.Json.Nodes;
using static Serverless.Infra.Tests.Aws.CloudFormationTemplate;

namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// Least privilege: two roles (the function's, the scheduler's), no managed policy, no wildcard action, every resource
/// a resource of this stack. The one '*' in an ARN is the log-stream part of the function's own log group's Arn
/// attribute (Lambda names the streams); CDK adds no role or custom resource of its own here.
/// </summary>
[Collection(AwsStackCollection.Name)]
[Trait(Tier.Trait, Tier.Cdk)]
public sealed class IamTests(SynthesizedStack stack)
{
    private static readonly string[] FunctionActions =
    [
        "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
        "dynamodb:Scan", "logs:CreateLogStream", "logs:PutLogEvents", "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:SendMessage",
    ];

    private CloudFormationTemplate Template => stack.Template;

    [Fact]
    public void No_statement_has_a_wildcard_action()
    {
        var actions = Template.PolicyStatements().SelectMany(s => List(s.Statement["Action"])).ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.DoesNotContain("*", (string)a!, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_resource_is_one_of_the_stack_never_a_literal_arn_or_wildcard()
    {
        foreach (var (policy, statement) in Template.PolicyStatements())
        {
            foreach (var resource in List(statement["Resource"]))
            {
                var target = Target(resource);
                Assert.True(
                    target is not null && Template.Resources.ContainsKey(target),
                    $"{policy}: {resource?.ToJsonString()}");
            }
        }
    }

    [Fact]
    public void The_function_role_allows_exactly_the_calls_the_storage_code_makes_and_its_log_writes()
    {
        var role = FunctionRole();
        var actions = StatementsOf(role).SelectMany(s => List(s["Action"]).Select(a => (string)a!));

        Assert.Equal(FunctionActions, actions.Order(StringComparer.Ordinal));
        Assert.Null(Properties(Template.Resources[role])["ManagedPolicyArns"]);
    }

    [Fact]
    public void The_function_role_reaches_the_table_the_queues_and_its_log_group_only()
    {
        var targets = StatementsOf(FunctionRole())
            .SelectMany(s => List(s["Resource"]).Select(r => Target(r)!))
            .Select(t => (string)Template.Resources[t]["Type"]!)
            .GroupBy(t => t)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.Equal(1, targets["AWS::DynamoDB::Table"]);
        Assert.Equal(2 * AppQueues.Work.Count, targets["AWS::SQS::Queue"]);
        Assert.Equal(1, targets["AWS::Logs::LogGroup"]);
        Assert.Equal(3, targets.Count);
    }

    [Fact]
    public void The_scheduler_role_may_only_invoke_the_function()
    {
        var role = Template.OfType("AWS::IAM::Role").Single(r => Principal(r.Value) == "scheduler.amazonaws.com").Key;
        var statement = Assert.Single(StatementsOf(role));

        Assert.Equal("lambda:InvokeFunction", (string?)statement["Action"]);
        Assert.Equal(Template.OfType("AWS::Lambda::Function").Single().Key, Target(statement["Resource"]));
    }

    [Fact]
    public void There_are_only_the_two_roles()
    {
        Assert.Equal(
            ["lambda.amazonaws.com", "scheduler.amazonaws.com"],
            Template.OfType("AWS::IAM::Role").Values.Select(Principal).Order(StringComparer.Ordinal));
    }

    private string FunctionRole() =>
        Target(Properties(Template.Single("AWS::Lambda::Function"))["Role"])!;

    private IEnumerable<JsonObject> StatementsOf(string role) =>
        Template.OfType("AWS::IAM::Policy")
            .Where(p => List(Properties(p.Value)["Roles"]).Any(r => Target(r) == role))
            .SelectMany(p => Properties(p.Value)["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()));

    private static string? Principal(JsonObject role) =>
        (string?)Properties(role)["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"];
}
