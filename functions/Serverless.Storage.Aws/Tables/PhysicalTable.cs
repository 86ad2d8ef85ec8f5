using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Storage.Aws.Tables;

/// <summary>The one DynamoDB table a store's logical tables share, created on first use if it is missing.</summary>
internal sealed class PhysicalTable(IAmazonDynamoDB client, string name)
{
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private Task? _ensured;

    public IAmazonDynamoDB Client { get; } = client;

    public string Name { get; } = name;

    public async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        var ensured = _ensured ??= EnsureActiveAsync();
        try
        {
            await ensured.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed attempt (network, throttling) is retried by the next call rather than remembered.
            _ = Interlocked.CompareExchange(ref _ensured, null, ensured);
            throw;
        }
    }

    // Described first: where the table exists (deployed by the CDK app), this needs no CreateTable permission.
    private async Task EnsureActiveAsync()
    {
        var status = await StatusAsync().ConfigureAwait(false);
        if (status is null)
        {
            status = await CreateAsync().ConfigureAwait(false);
        }

        var deadline = DateTime.UtcNow + ActiveTimeout;
        while (status != TableStatus.ACTIVE)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new StorageException(
                    $"DynamoDB table '{Name}' is still {status} after {ActiveTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
            status = await StatusAsync().ConfigureAwait(false);
        }
    }

    private async Task<TableStatus?> StatusAsync()
    {
        try
        {
            var described = await Client.DescribeTableAsync(new DescribeTableRequest { TableName = Name })
                .ConfigureAwait(false);
            return described.Table.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
        catch (AmazonDynamoDBException e)
        {
            throw DynamoDbErrors.Refused(e);
        }
    }

    private async Task<TableStatus> CreateAsync()
    {
        try
        {
            var created = await Client.CreateTableAsync(new CreateTableRequest
            {
                TableName = Name,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema =
                [
                    new KeySchemaElement(ItemMapping.PartitionKeyAttribute, KeyType.HASH),
                    new KeySchemaElement(ItemMapping.SortKeyAttribute, KeyType.RANGE),
                ],
                AttributeDefinitions =
                [
                    new AttributeDefinition(ItemMapping.PartitionKeyAttribute, ScalarAttributeType.S),
                    new AttributeDefinition(ItemMapping.SortKeyAttribute, ScalarAttributeType.S),
                ],
            }).ConfigureAwait(false);
            return created.TableDescription.TableStatus;
        }
        catch (ResourceInUseException)
        {
            // Another process created it meanwhile.
            return TableStatus.CREATING;
        }
        catch (AmazonDynamoDBException e)
        {
            throw DynamoDbErrors.Refused(e);
        }
    }
}
