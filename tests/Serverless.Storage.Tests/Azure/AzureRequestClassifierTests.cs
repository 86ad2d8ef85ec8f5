using Azure.Core;
using Serverless.Storage.Azure.Diagnostics;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

public sealed class AzureRequestClassifierTests
{
    [Theory]
    [InlineData("POST", "https://acct.table.core.windows.net/$batch", "table.batch")]
    [InlineData("POST", "http://127.0.0.1:10002/devstoreaccount1/$batch", "table.batch")]
    [InlineData("GET", "http://127.0.0.1:10002/devstoreaccount1/t1orders()?$filter=PartitionKey%20eq%20%27a%27",
        "table.query")]
    [InlineData("GET", "https://acct.table.core.windows.net/orders()", "table.query")]
    [InlineData("GET", "https://acct.table.core.windows.net/orders?$filter=RowKey%20eq%20'x'", "table.query")]
    [InlineData("GET", "https://acct.table.core.windows.net/orders(PartitionKey='a',RowKey='b')", "table.get")]
    [InlineData("GET", "https://acct.table.core.windows.net/orders(PartitionKey=%27a%27,RowKey=%27b%27)", "table.get")]
    [InlineData("PUT", "https://acct.table.core.windows.net/orders(PartitionKey='a',RowKey='b')", "table.write")]
    [InlineData("MERGE", "https://acct.table.core.windows.net/orders(PartitionKey='a',RowKey='b')", "table.write")]
    [InlineData("PATCH", "https://acct.table.core.windows.net/orders(PartitionKey='a',RowKey='b')", "table.write")]
    [InlineData("DELETE", "https://acct.table.core.windows.net/orders(PartitionKey='a',RowKey='b')", "table.write")]
    [InlineData("POST", "https://acct.table.core.windows.net/orders", "table.write")]
    [InlineData("POST", "http://127.0.0.1:10002/devstoreaccount1/Tables", "table.create")]
    [InlineData("GET", "https://acct.table.core.windows.net/Tables", "other")]
    [InlineData("DELETE", "https://acct.table.core.windows.net/Tables('orders')", "other")]
    [InlineData("GET", "https://acct.table.core.windows.net/?restype=service&comp=properties", "other")]
    public void A_table_request_is_named_by_its_shape(string method, string url, string expected) =>
        Assert.Equal(expected, Classify(AzureStorageService.Table, method, url));

    [Theory]
    [InlineData("POST", "https://acct.queue.core.windows.net/work/messages", "queue.send")]
    [InlineData("POST", "http://127.0.0.1:10001/devstoreaccount1/work/messages?visibilitytimeout=5", "queue.send")]
    [InlineData("GET", "http://127.0.0.1:10001/devstoreaccount1/work/messages?numofmessages=32", "queue.receive")]
    [InlineData("GET", "https://acct.queue.core.windows.net/work/messages?peekonly=true", "queue.peek")]
    [InlineData("PUT", "https://acct.queue.core.windows.net/work/messages/abc?popreceipt=x&visibilitytimeout=0",
        "queue.update")]
    [InlineData("DELETE", "http://127.0.0.1:10001/devstoreaccount1/work/messages/abc?popreceipt=x", "queue.delete")]
    [InlineData("GET", "https://acct.queue.core.windows.net/work?comp=metadata", "queue.metadata")]
    [InlineData("PUT", "http://127.0.0.1:10001/devstoreaccount1/work", "queue.create")]
    [InlineData("PUT", "https://acct.queue.core.windows.net/work?comp=metadata", "other")]
    [InlineData("DELETE", "https://acct.queue.core.windows.net/work/messages", "other")]
    [InlineData("DELETE", "https://acct.queue.core.windows.net/work", "other")]
    [InlineData("GET", "https://acct.queue.core.windows.net/?comp=list", "other")]
    [InlineData("PUT", "https://acct.queue.core.windows.net/?restype=service&comp=properties", "other")]
    public void A_queue_request_is_named_by_its_shape(string method, string url, string expected) =>
        Assert.Equal(expected, Classify(AzureStorageService.Queue, method, url));

    private static string Classify(AzureStorageService service, string method, string url)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(new Uri(url));
        return AzureRequestClassifier.Classify(service, RequestMethod.Parse(method), uri.Path, uri.Query);
    }
}
