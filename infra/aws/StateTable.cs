using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;

namespace Serverless.Infra.Aws;

/// <summary>
/// The one DynamoDB table every logical table of the app lives in (Serverless.Storage.Aws: partition key <c>pk</c>,
/// sort key <c>sk</c>, both strings). The app describes it before use and creates it only where it is missing, so
/// deployed here it needs no CreateTable permission.
/// </summary>
internal sealed class StateTable : Construct
{
    public StateTable(Construct scope, string id, string tableName)
        : base(scope, id)
    {
        // No TTL attribute: the engine writes none; finished instances are purged by the PurgeHistory timer.
        // Encryption: DynamoDB's default AWS-owned key (no KMS requests billed, no key policy to keep); orders and
        // ledgers hold no card data (the gateway port keeps tokens only).
        Table = new Amazon.CDK.AWS.DynamoDB.Table(this, "Table", new TableProps
        {
            TableName = tableName,
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "pk", Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "sk", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            DeletionProtection = true,
            Encryption = TableEncryption.DEFAULT,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }

    public ITable Table { get; }
}
