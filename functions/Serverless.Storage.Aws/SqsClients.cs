using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Aws.Diagnostics;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Aws;

/// <summary>Builds the SQS client an <see cref="AwsStorageProvider"/> works with, from a connection.</summary>
public static class SqsClients
{
    /// <summary>
    /// A client for <paramref name="connection"/> that counts every request it sends, retries included, on
    /// <paramref name="counter"/> when given. Signs in with <paramref name="credentials"/> when given (tests against an
    /// emulator), else with the SDK's default credential chain.
    /// </summary>
    public static IAmazonSQS Create(
        SqsConnection connection,
        StorageRequestCounter? counter = null,
        AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.Validate();
        var config = Config(connection);
        return counter is null
            ? credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(credentials, config)
            : credentials is null
                ? new CountingSqsClient(counter, config)
                : new CountingSqsClient(counter, credentials, config);
    }

    /// <summary>The client settings for <paramref name="connection"/>.</summary>
    public static AmazonSQSConfig Config(SqsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var config = new AmazonSQSConfig();
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

        return config;
    }
}
