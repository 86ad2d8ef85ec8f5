using Amazon.CDK;
using Serverless.Infra.Aws;

var app = new App();
var settings = StackSettings.From(app.Node);
_ = new OrderSagaStack(app, settings.StackName, settings, new StackProps
{
    // Context first: the CLI sets CDK_DEFAULT_* from its own credentials, which a dry run may not have.
    Env = new Amazon.CDK.Environment
    {
        Account = app.Node.TryGetContext("account") as string
            ?? System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
        Region = app.Node.TryGetContext("region") as string
            ?? System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
    },
    Description = "Serverless order saga on AWS Lambda, DynamoDB and SQS (infra/aws).",
});
app.Synth();
