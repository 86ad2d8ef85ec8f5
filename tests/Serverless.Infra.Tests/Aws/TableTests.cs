using Serverless.Storage.Aws.Configuration;
using static Serverless.Infra.Tests.Aws.CloudFormationTemplate;

namespace Serverless.Infra.Tests.Aws;

/// <summary>The one table: the storage code's keys and default name, on demand, recoverable, never deleted.</summary>
[Collection(AwsStackCollection.Name)]
[Trait(Tier.Trait, Tier.Cdk)]
public sealed class TableTests(SynthesizedStack stack)
{
    private System.Text.Json.Nodes.JsonObject Table => stack.Template.Single("AWS::DynamoDB::Table");

    [Fact]
    public void Table_has_the_storage_code_default_name_and_string_keys_pk_and_sk()
    {
        var properties = Properties(Table);

        Assert.Equal(DynamoDbConnection.DefaultTableName, (string?)properties["TableName"]);
        Assert.Equal(
            ["pk:HASH", "sk:RANGE"],
            properties["KeySchema"]!.AsArray().Select(k => $"{k!["AttributeName"]}:{k["KeyType"]}"));
        Assert.Equal(
            ["pk:S", "sk:S"],
            properties["AttributeDefinitions"]!.AsArray()
                .Select(a => $"{a!["AttributeName"]}:{a["AttributeType"]}")
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Table_is_on_demand_with_point_in_time_recovery_and_deletion_protection_and_retained()
    {
        var properties = Properties(Table);

        Assert.Equal("PAY_PER_REQUEST", (string?)properties["BillingMode"]);
        Assert.True((bool)properties["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!);
        Assert.True((bool)properties["DeletionProtectionEnabled"]!);
        Assert.Equal("Retain", (string?)Table["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)Table["UpdateReplacePolicy"]);
    }

    [Fact]
    public void Table_has_no_ttl_since_the_engine_writes_none_and_the_default_aws_owned_key()
    {
        var properties = Properties(Table);

        Assert.Null(properties["TimeToLiveSpecification"]);
        // SSEEnabled false (or absent) is CloudFormation's way of saying the AWS-owned key, DynamoDB's default.
        Assert.False((bool?)properties["SSESpecification"]?["SSEEnabled"] ?? false);
        Assert.Null(properties["SSESpecification"]?["KMSMasterKeyId"]);
    }
}
