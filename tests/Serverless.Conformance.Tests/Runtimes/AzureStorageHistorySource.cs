using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core.History;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Runtimes;

/// <summary>
/// Reads an instance's history from the Azure Storage backend's own history table
/// (<see cref="AzureStorageOrchestrationService.GetOrchestrationHistoryAsync"/>, which returns the latest execution's
/// events as Newtonsoft JSON with numeric <c>EventType</c>s). The table keeps only the latest generation reachable by
/// instance id, so earlier <c>ContinueAsNew</c> generations, and the failure details the sidecar does not write into
/// the table, come from the <see cref="RecordingOrchestrationService{TInner}"/>.
/// </summary>
internal sealed class AzureStorageHistorySource(
    RecordingOrchestrationService<AzureStorageOrchestrationService> recorder)
    : IInstanceHistorySource
{
    public async Task<InstanceHistory> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var recorded = await recorder.ReadAsync(instanceId, cancellationToken);
        var executions = recorder.Executions(instanceId);
        var json = await recorder.Inner.GetOrchestrationHistoryAsync(instanceId, executionId: null);
        IEnumerable<ScheduledWork> earlier =
            [.. executions.SkipLast(1).SelectMany(execution => HistoryScheduledWork.From(execution.Events))];
        return recorded with
        {
            Scheduled = [.. earlier, .. FromStoreJson(json)],
            Version = executions.Count > 1 ? recorded.Version : StartVersionFromStoreJson(json) ?? recorded.Version,
        };
    }

    // The version as the backend's history table keeps it (null when the table has no start event).
    private static string? StartVersionFromStoreJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Where(e => (EventType)e.GetProperty("EventType").GetInt32() == EventType.ExecutionStarted)
            .Select(e => e.TryGetProperty("Version", out var version) ? version.GetString() ?? "" : "")
            .Cast<string?>()
            .FirstOrDefault();
    }

    private static List<ScheduledWork> FromStoreJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var scheduled = new List<ScheduledWork>();
        foreach (var historyEvent in document.RootElement.EnumerateArray())
        {
            var name = historyEvent.TryGetProperty("Name", out var value) ? value.GetString()
                ?? string.Empty : string.Empty;
            switch ((EventType)historyEvent.GetProperty("EventType").GetInt32())
            {
                case EventType.TaskScheduled:
                    scheduled.Add(ScheduledWork.Activity(name));
                    break;
                case EventType.TimerCreated:
                    scheduled.Add(ScheduledWork.Timer);
                    break;
                case EventType.SubOrchestrationInstanceCreated:
                    scheduled.Add(ScheduledWork.SubOrchestration(name));
                    break;
            }
        }

        return scheduled;
    }
}
