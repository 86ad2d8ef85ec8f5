using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Client;
using Serverless.Hosting.Http;
using Serverless.Http;

namespace Serverless.Host.Management;

/// <summary>
/// The Durable Functions instance-management routes under <c>/runtime/webhooks/durabletask/instances</c>: status (with
/// history), list, raise event, terminate, purge. Status codes follow Durable Functions: 202 while an instance runs,
/// 200 once completed, 400 once failed or terminated, 404 when unknown, 410 for events to a finished instance.
/// These routes need the admin key whenever keys are configured.
/// </summary>
internal static class DurableManagementApi
{
    public const string Prefix = "/runtime/webhooks/durabletask/instances";
    private const string ContinuationHeader = "x-ms-continuation-token";
    private const int MaxEventBytes = 64 * 1024;

    private static readonly OrchestrationRuntimeStatus[] ListableStatuses =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>Makes the management responses' JSON contracts known to the HTTP serializer.</summary>
    public static IServiceCollection AddDurableManagementApi(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(
            0,
            ManagementJsonContext.Default));

    public static IEndpointRouteBuilder MapDurableManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var instances = endpoints.MapGroup(Prefix).AnswerHeadWhereGet();
        instances.MapGet("/", ListAsync);
        instances.MapGet("/{instanceId}", GetAsync);
        instances.MapPost("/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        instances.MapPost("/{instanceId}/terminate", TerminateAsync);
        instances.MapDelete("/{instanceId}", PurgeAsync);
        return endpoints;
    }

    // Query values are bound as strings and parsed here, so that a malformed one gets a problem naming it. As in
    // Durable Functions: showHistory (false), showHistoryOutput (false: the history's results left out), showInput
    // (true).
    private static async Task<Results<JsonHttpResult<InstanceStatusResponse>,
    ProblemHttpResult,
    ValidationProblem>> GetAsync(
        string instanceId,
        string? showHistory,
        string? showHistoryOutput,
        string? showInput,
        DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (!TryParseFlag(showHistory, false, out var withHistory))
        {
            return FunctionResults.FieldProblem("showHistory", "must be true or false.");
        }

        if (!TryParseFlag(showHistoryOutput, false, out var withHistoryOutput))
        {
            return FunctionResults.FieldProblem("showHistoryOutput", "must be true or false.");
        }

        if (!TryParseFlag(showInput, true, out var withInput))
        {
            return FunctionResults.FieldProblem("showInput", "must be true or false.");
        }

        if (await client.FindTracedAsync(instanceId, cancellationToken) is not { Metadata: var metadata } traced)
        {
            return NotFound(instanceId);
        }

        var history = withHistory
            ? (await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken))
                .Select(HistoryEventResponse.From)
                .OfType<HistoryEventResponse>()
                .Select(e => withHistoryOutput ? e : e with { Result = null })
                .ToList()
            : null;
        var status = metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => StatusCodes.Status200OK,
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated =>
                StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status202Accepted,
        };
        var response = InstanceStatusResponse.From(traced, history);
        return TypedResults.Json(
            withInput ? response : response with { Input = null },
            ManagementJsonContext.Default.InstanceStatusResponse,
            statusCode: status);
    }

    private static async Task<Results<Ok<List<InstanceStatusResponse>>, ValidationProblem>> ListAsync(
        HttpContext context,
        string? runtimeStatus,
        string? createdTimeFrom,
        string? createdTimeTo,
        string? top,
        DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in (runtimeStatus ?? string.Empty).Split(
            ',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status)
                || !ListableStatuses.Contains(status))
            {
                return FunctionResults.FieldProblem(
                    "runtimeStatus",
                    $"'{name}' is not one of {string.Join(", ", ListableStatuses)}.");
            }

            statuses.Add(status);
        }

        if (!QueryValues.TryParsePageSize(top, defaultSize: 100, maxSize: 1000, out var pageSize))
        {
            return FunctionResults.FieldProblem("top", "must be a whole number between 1 and 1000.");
        }

        if (!TryParseTime(createdTimeFrom, out var from))
        {
            return FunctionResults.FieldProblem(
                "createdTimeFrom",
                "must be an ISO 8601 date and time, e.g. 2026-11-23T12:00:00Z.");
        }

        if (!TryParseTime(createdTimeTo, out var to))
        {
            return FunctionResults.FieldProblem(
                "createdTimeTo",
                "must be an ISO 8601 date and time, e.g. 2026-11-23T12:00:00Z.");
        }

        var token = context.Request.Headers[ContinuationHeader].FirstOrDefault()
            ?? context.Request.Query["continuationToken"].FirstOrDefault();
        Microsoft.DurableTask.Page<TracedInstance> page;
        try
        {
            var query = new OrchestrationQuery(
                from,
                to,
                statuses,
                PageSize: pageSize,
                FetchInputsAndOutputs: true,
                ContinuationToken: token);
            page = await client.ListTracedAsync(query, cancellationToken);
        }
        catch (ArgumentException)
        {
            return FunctionResults.FieldProblem("continuationToken", "is not a token this API issued.");
        }

        if (page.ContinuationToken is { } next)
        {
            context.Response.Headers[ContinuationHeader] = next;
        }

        return TypedResults.Ok(page.Values.Select(traced => InstanceStatusResponse.From(traced)).ToList());
    }

    private static async Task<Results<Accepted, ProblemHttpResult, ValidationProblem>> RaiseEventAsync(
        string instanceId,
        string eventName,
        HttpRequest request,
        DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxEventBytes)
        {
            return FunctionResults.Problem(
                StatusCodes.Status413PayloadTooLarge,
                $"An event payload is at most {MaxEventBytes} bytes.");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        if (payload.Length > 0)
        {
            try
            {
                using var _ = JsonDocument.Parse(payload);
            }
            catch (JsonException exception)
            {
                return FunctionResults.FieldProblem("$", $"The event payload is not valid JSON: {exception.Message}");
            }
        }

        if (await FindRunningAsync(instanceId, client, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await client.RaiseEventAsync(
            instanceId,
            eventName,
            payload.Length == 0 ? null : Json.Parse(payload),
            cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(
        string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await FindRunningAsync(instanceId, client, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await client.TerminateInstanceAsync(
            instanceId,
            new TerminateInstanceOptions(reason ?? "Terminated"),
            cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Ok<PurgeResponse>, ProblemHttpResult>> PurgeAsync(
        string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (metadata is null)
        {
            return NotFound(instanceId);
        }

        if (!metadata.IsCompleted)
        {
            return FunctionResults.Problem(
                StatusCodes.Status409Conflict,
                $"Instance '{instanceId}' is {metadata.RuntimeStatus}; terminate it before purging.");
        }

        var purged = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return TypedResults.Ok(new PurgeResponse(purged.PurgedInstanceCount));
    }

    /// <summary>404 for an unknown instance, 410 for a finished one, <see langword="null"/> while it runs.</summary>
    private static async Task<ProblemHttpResult?> FindRunningAsync(
        string instanceId,
        DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, cancellationToken);
        return metadata is null ? NotFound(instanceId) : metadata.IsCompleted ? Gone(instanceId) : null;
    }

    private static bool TryParseTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (value is null)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(
            value,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out var parsed))
        {
            return false;
        }

        time = parsed;
        return true;
    }

    private static ProblemHttpResult NotFound(string instanceId) =>
        FunctionResults.Problem(
            StatusCodes.Status404NotFound,
            $"No orchestration instance with id '{instanceId}' exists: it never started, or it finished and was " +
                $"purged (Durable:Retention or a purge request).");

    private static ProblemHttpResult Gone(string instanceId) =>
        FunctionResults.Problem(StatusCodes.Status410Gone, $"Instance '{instanceId}' has already finished.");

    private static bool TryParseFlag(string? text, bool absent, out bool value)
    {
        value = absent;
        return text is null || bool.TryParse(text, out value);
    }
}
