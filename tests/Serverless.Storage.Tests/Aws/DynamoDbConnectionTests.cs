using Amazon;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Serverless.Storage.Aws;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Aws.Diagnostics;
using Serverless.Storage.Diagnostics;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

/// <summary>The AWS connection settings and request kinds, without a service (fast tier).</summary>
public sealed class DynamoDbConnectionTests
{
    private static readonly AWSCredentials Placeholder = new BasicAWSCredentials("test", "test");

    [Fact]
    public void A_region_selects_that_regions_endpoint()
    {
        using var counter = new StorageRequestCounter("aws");

        var client = DynamoDbClients.Create(new DynamoDbConnection { Region = "eu-west-1" }, counter, Placeholder);

        Assert.Equal(RegionEndpoint.EUWest1, client.Config.RegionEndpoint);
        Assert.Null(client.Config.ServiceURL);
    }

    [Fact]
    public void A_service_url_overrides_the_endpoint_for_an_emulator()
    {
        var client = DynamoDbClients.Create(
            new DynamoDbConnection { ServiceUrl = new Uri("http://127.0.0.1:8000") },
            credentials: Placeholder);

        Assert.Equal("http://127.0.0.1:8000/", client.Config.ServiceURL);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    public void A_table_name_DynamoDB_refuses_is_refused_up_front(string tableName)
    {
        var refused = Assert.Throws<ArgumentException>(() =>
            DynamoDbClients.Create(new DynamoDbConnection { TableName = tableName }, credentials: Placeholder));

        Assert.Contains(tableName, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_request_type_is_named_by_its_operation_kind()
    {
        Assert.Equal(
            [
                StorageOperationKinds.TableBatch, StorageOperationKinds.TableWrite, StorageOperationKinds.TableWrite,
                StorageOperationKinds.TableGet, StorageOperationKinds.TableQuery, StorageOperationKinds.TableQuery,
                StorageOperationKinds.TableCreate, StorageOperationKinds.TableCreate, StorageOperationKinds.Other,
            ],
            new AmazonWebServiceRequest[]
            {
                new TransactWriteItemsRequest(), new PutItemRequest(), new DeleteItemRequest(), new GetItemRequest(),
                new QueryRequest(), new ScanRequest(), new CreateTableRequest(), new DescribeTableRequest(),
                new ListTablesRequest(),
            }.Select(DynamoDbRequestClassifier.Classify));
    }
}
