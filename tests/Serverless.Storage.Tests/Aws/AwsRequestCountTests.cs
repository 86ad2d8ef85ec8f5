using System.Net;
using Serverless.Storage.Aws;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Tables;
using Serverless.Testing.DynamoDb;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsRequestCountTests(DynamoDbLocalFixture dynamoDb)
{
    [Fact]
    public async Task Each_port_call_counts_the_requests_it_sends_by_kind()
    {
        using var counter = new StorageRequestCounter("aws");
        var store = DynamoDbLocalStorage.CreateStore(dynamoDb, counter: counter);
        var table = store.GetTable("counted");

        // Described (missing), then created; the second logical table shares the physical one: no request.
        await table.CreateIfNotExistsAsync();
        await store.GetTable("othercounted").CreateIfNotExistsAsync();
        Assert.Equal(new Dictionary<string, long> { ["table.create"] = 2 }, counter.Snapshot());

        await table.InsertAsync(new TableEntity("p", "a"));
        await table.ExecuteBatchAsync(
            [TableOperation.Insert(new TableEntity("p", "b")), TableOperation.Insert(new TableEntity("p", "c"))]);
        Assert.NotNull(await table.GetAsync("p", "a"));
        Assert.Equal(3, (await table.QueryPartitionAsync("p")).Count);
        Assert.Equal(3, (await table.QueryAsync(new TableQuery())).Items.Count);

        Assert.Equal(
            new Dictionary<string, long>
            {
                ["table.batch"] = 1,
                ["table.create"] = 2,
                ["table.get"] = 1,
                ["table.query"] = 2,
                ["table.write"] = 1,
            },
            counter.Snapshot());
        Assert.Equal(7, counter.Total);
        Assert.Equal("aws", counter.Backend);
    }

    [Fact]
    public async Task A_write_whose_condition_fails_is_counted_and_one_refused_before_sending_is_not()
    {
        using var counter = new StorageRequestCounter("aws");
        var table = DynamoDbLocalStorage.CreateStore(dynamoDb, counter: counter).GetTable("counted");
        await table.CreateIfNotExistsAsync();
        await table.InsertAsync(new TableEntity("p", "a"));

        await Assert.ThrowsAsync<TableConflictException>(() => table.InsertAsync(new TableEntity("p", "a")));
        await Assert.ThrowsAsync<ArgumentException>(() => table.InsertAsync(new TableEntity("p", "")));

        Assert.Equal(2, counter.Snapshot()["table.write"]);
    }

    [Fact]
    public async Task A_request_the_sdk_retries_is_counted_once_per_attempt()
    {
        using var counter = new StorageRequestCounter("aws");

        // An endpoint that answers every request 503, a server error the SDK retries until its retry policy gives up;
        // the endpoint counts the attempts itself, before it answers each. (Dropping the connection instead left it
        // to timing whether the client saw a retryable error.)
        var attempts = 0;
        using var endpoint = WireMockServer.Start();
        endpoint
            .Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                Interlocked.Increment(ref attempts);
                return new ResponseMessage { StatusCode = (int)HttpStatusCode.ServiceUnavailable };
            }));
        var client = DynamoDbClients.Create(
            new DynamoDbConnection { ServiceUrl = new Uri(endpoint.Urls[0]) },
            counter,
            DynamoDbLocalStorage.Credentials);
        var table = new DynamoDbTableStore(client, DynamoDbLocalStorage.UniqueTableName()).GetTable("counted");

        await Assert.ThrowsAnyAsync<Exception>(() => table.GetAsync("p", "r"));

        Assert.True(attempts > 1, $"The SDK made {attempts} attempt(s); the test needs it to retry.");
        Assert.Equal(new Dictionary<string, long> { ["table.get"] = attempts }, counter.Snapshot());
    }
}
