using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Azurite;
using Serverless.Baseline;
using Serverless.Conformance.Tests.Catalog.Saga;
using Serverless.Durable.History;
using Serverless.Durable.Replay;
using Serverless.Durable.Serialization;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Storage.Azure.TaskHubs;

namespace Serverless.Conformance.Tests.Replay;

/// <summary>
/// A Durable Functions task hub recorded for real: the product's saga run by DurableTask.AzureStorage (the Function
/// App's backend) under the SDK's worker, on Azurite, payloads through the order contracts' JSON as the Function App
/// writes them. Orders over the approval threshold are left waiting for their decision when the worker stops; the
/// hub's tables and blobs stay as it left them.
/// </summary>
internal sealed class RecordedTaskHub : IDurableFunctionsTaskHub
{
    private RecordedTaskHub(AzuriteInstance azurite, string name)
    {
        Name = name;
        Tables = new TableServiceClient(azurite.ConnectionString);
        Reader = new DurableFunctionsTaskHubReader(Tables, new BlobServiceClient(azurite.ConnectionString), name);
    }

    public string Name { get; }

    public TableServiceClient Tables { get; }

    public DurableFunctionsTaskHubReader Reader { get; }

    /// <summary>
    /// Runs <paramref name="waiting"/> orders to their approval wait and <paramref name="finished"/> orders to the
    /// end, then stops the worker.
    /// </summary>
    public static async Task<RecordedTaskHub> RecordAsync(
        AzuriteInstance azurite,
        IReadOnlyList<string> waiting,
        IReadOnlyList<string> finished)
    {
        var settings = AzureStorageTaskHubs.Settings(azurite.ConnectionString, "replay");
        var hub = new RecordedTaskHub(azurite, settings.TaskHubName);
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        await using var domain = await SagaDomain.CreateAsync(0, CancellationToken.None);
        await using (var sidecar = await SdkSidecar.StartAsync(
            service,
            domain.Register,
            CancellationToken.None,
            new SourceGeneratedDataConverter(OrderSaga.Payloads)))
        {
            foreach (var order in waiting)
            {
                await StartAsync(sidecar.Client, order, SagaScenarios.ApprovalNeeded);
            }

            foreach (var order in finished)
            {
                await StartAsync(sidecar.Client, order, SagaOrders.NoApproval);
            }

            foreach (var order in finished)
            {
                await sidecar.Client.WaitForInstanceCompletionAsync(order).WithDeadline($"order {order} finishes");
            }

            foreach (var order in waiting)
            {
                await hub.WaitUntilAwaitingApprovalAsync(order);
            }
        }

        return hub;
    }

    /// <summary>The events of <paramref name="instanceId"/>'s current execution, as the check reads them.</summary>
    public async Task<List<StoredHistoryEvent>> HistoryAsync(string instanceId)
    {
        var instance = await Reader.ReadInstanceAsync(instanceId, CancellationToken.None);
        Assert.NotNull(instance);
        var rows = await Reader.ReadHistoryAsync(instanceId, instance["ExecutionId"]!, CancellationToken.None);
        return DurableFunctionsHistoryRows.Read(rows);
    }

    public IAsyncEnumerable<IReadOnlyList<Storage.Tables.TableEntity>> ListInFlightAsync(
        CancellationToken cancellationToken) => Reader.ListInFlightAsync(cancellationToken);

    public Task<Storage.Tables.TableEntity?> ReadInstanceAsync(string partitionKey, CancellationToken cancellationToken)
        => Reader.ReadInstanceAsync(partitionKey, cancellationToken);

    public Task<IReadOnlyList<Storage.Tables.TableEntity>> ReadHistoryAsync(
        string partitionKey,
        string executionId,
        CancellationToken cancellationToken) => Reader.ReadHistoryAsync(partitionKey, executionId, cancellationToken);

    private static Task<string> StartAsync(DurableTaskClient client, string orderId, decimal approvalThreshold) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            PlaceOrderOrchestrator.Name,
            SagaOrders.Input(TestTokens.Visa, approvalThreshold: approvalThreshold) with { OrderId = orderId },
            new StartOrchestrationOptions(orderId));

    // Waiting for the decision: the approval timer is in the history table.
    private Task WaitUntilAwaitingApprovalAsync(string orderId) => Eventually.TrueAsync(
        async () => await Reader.ReadInstanceAsync(orderId, CancellationToken.None) is { } instance
            && instance["ExecutionId"] is { } executionId
            && (await Reader.ReadHistoryAsync(orderId, executionId, CancellationToken.None))
                .Any(row => row["EventType"] == "TimerCreated"),
        $"order {orderId} waits for approval");
}
