using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Aws.Diagnostics;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Aws;

/// <summary>Builds the DynamoDB client a <see cref="DynamoDbTableStore"/> works with, from a connection.</summary>
public static class DynamoDbClients
{
    /// <summary>
    /// A client for <paramref name="connection"/> that counts every request it sends, retries included, on
    /// <paramref name="counter"/> (backend <c>aws</c>) when given. Signs in with <paramref name="credentials"/> when
    /// given (tests against an emulator), else with the SDK's default credential chain.
    /// </summary>
    public static IAmazonDynamoDB Create(
        DynamoDbConnection connection,
        StorageRequestCounter? counter = null,
        AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.Validate();
        var config = new AmazonDynamoDBConfig();
        if (connection.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl.ToString();
            // The emulator ignores the region but the SDK signs with one.
            config.AuthenticationRegion = connection.Region ?? "us-east-1";
        }
        else if (connection.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return counter is null
            ? credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config)
            : credentials is null
                ? new CountingDynamoDbClient(counter, config)
                : new CountingDynamoDbClient(counter, credentials, config);
    }
}
