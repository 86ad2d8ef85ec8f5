using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Serverless.Host.Workers;
using Serverless.Hosting;
using Serverless.Hosting.Http;
using Serverless.Http;
using Serverless.Storage;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Workers.Leases;

namespace Serverless.Host.Management;

/// <summary>
/// Operator routes for the poison queues (admin level, under <c>/runtime/webhooks/queues</c>): list them with counts,
/// look at the head of one, inspect one message, re-queue one or all to the queue they failed on (with a fresh
/// dequeue count), delete one. And <c>GET /api/health/details</c> (admin): storage reachability, queue depths split
/// into ready and scheduled messages, the age of the oldest ready message per queue, poison counts and the worker
/// leases, and the requests this process sent to storage by operation kind.
/// </summary>
/// <remarks>
/// Messages are only looked at, never received, except where Azure Storage Queues need a receive to address one (a
/// re-queue or delete by id). Azure Storage peeks at the first 32 messages of a queue at most, so listing and finding a
/// message by id work within that window on every backend: an operator works from the head of the queue, and what lies
/// further back comes into view as the head is re-queued or deleted. A re-queue of "all" moves what it can see, window
/// after window, up to <see cref="MaxRequeuePerCall"/> messages per call, and says how many remain.
/// </remarks>
internal static partial class QueueManagementApi
{
    public const string Prefix = FunctionsRoutes.WebhooksPrefix + "/queues";
    public const int MaxRequeuePerCall = 500;

    public static IServiceCollection AddQueueManagementApi(this IServiceCollection services) =>
        services.AddSingleton<HostQueues>();

    public static IEndpointRouteBuilder MapQueueManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var poison = endpoints.MapGroup(Prefix + "/poison").AnswerHeadWhereGet();
        poison.MapGet("/", ListPoisonQueuesAsync);
        poison.MapGet("/{queue}", PeekAsync);
        poison.MapGet("/{queue}/messages/{messageId}", GetMessageAsync);
        poison.MapPost("/{queue}/messages/{messageId}/requeue", RequeueAsync);
        poison.MapPost("/{queue}/requeue", RequeueAllAsync);
        poison.MapDelete("/{queue}/messages/{messageId}", DeleteAsync);
        endpoints.MapFunctionsApi().MapGet("/health/details", HealthDetailsAsync).AsFunction(
            "HealthDetails",
            AuthorizationLevel.Admin);
        return endpoints;
    }

    private static async Task<Ok<List<PoisonQueueResponse>>> ListPoisonQueuesAsync(
        HostQueues queues,
        IStorageProvider storage,
        CancellationToken cancellationToken)
    {
        var list = new List<PoisonQueueResponse>();
        foreach (var name in queues.Names)
        {
            var poison = StorageNames.PoisonQueueFor(name);
            list.Add(new PoisonQueueResponse(poison, name, await CountAsync(storage, poison, cancellationToken)));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<PoisonMessagesResponse>, ProblemHttpResult, ValidationProblem>> PeekAsync(
        string queue,
        string? top,
        HostQueues queues,
        IStorageProvider storage,
        HostStorageBackend backend,
        CancellationToken cancellationToken)
    {
        if (queues.OriginalOf(queue) is not { } original)
        {
            return UnknownQueue(queue, queues);
        }

        if (!QueryValues.TryParsePageSize(
            top,
            IQueueAdministration.MaxPeek,
            IQueueAdministration.MaxPeek,
            out var size))
        {
            return FunctionResults.FieldProblem(
                "top",
                $"must be a whole number between 1 and {IQueueAdministration.MaxPeek}.");
        }

        var messages = await backend.Administration.PeekAsync(queue, size, cancellationToken);
        return TypedResults.Ok(new PoisonMessagesResponse(
            queue,
            original,
            await CountAsync(storage, queue, cancellationToken),
            messages.Select(m => QueueMessageResponse.From(m, original)).ToList()));
    }

    private static async Task<Results<Ok<QueueMessageResponse>, ProblemHttpResult>> GetMessageAsync(
        string queue,
        string messageId,
        HostQueues queues,
        HostStorageBackend backend,
        CancellationToken cancellationToken)
    {
        if (queues.OriginalOf(queue) is not { } original)
        {
            return UnknownQueue(queue, queues);
        }

        var messages = await backend.Administration.PeekAsync(queue, IQueueAdministration.MaxPeek, cancellationToken);
        return messages.FirstOrDefault(m => m.MessageId == messageId) is { } message
            ? TypedResults.Ok(QueueMessageResponse.From(message, original))
            : UnknownMessage(queue, messageId);
    }

    private static async Task<Results<Ok<RequeueResponse>, ProblemHttpResult>> RequeueAsync(
        string queue,
        string messageId,
        HostQueues queues,
        IStorageProvider storage,
        HostStorageBackend backend,
        ILogger<HostQueues> logger,
        CancellationToken cancellationToken)
    {
        if (queues.OriginalOf(queue) is not { } original)
        {
            return UnknownQueue(queue, queues);
        }

        if (!await backend.Administration.MoveAsync(queue, messageId, original, cancellationToken))
        {
            return UnknownMessage(queue, messageId);
        }

        Logs.PoisonRequeued(logger, messageId, queue, original);
        return TypedResults.Ok(new RequeueResponse(1, original, await CountAsync(storage, queue, cancellationToken)));
    }

    private static async Task<Results<Ok<RequeueResponse>, ProblemHttpResult>> RequeueAllAsync(
        string queue,
        HostQueues queues,
        IStorageProvider storage,
        HostStorageBackend backend,
        ILogger<HostQueues> logger,
        CancellationToken cancellationToken)
    {
        if (queues.OriginalOf(queue) is not { } original)
        {
            return UnknownQueue(queue, queues);
        }

        var requeued = 0;
        while (requeued < MaxRequeuePerCall)
        {
            var window = await backend.Administration.PeekAsync(queue, IQueueAdministration.MaxPeek, cancellationToken);
            var moved = 0;
            foreach (var message in window.Take(MaxRequeuePerCall - requeued))
            {
                if (await backend.Administration.MoveAsync(queue, message.MessageId, original, cancellationToken))
                {
                    Logs.PoisonRequeued(logger, message.MessageId, queue, original);
                    moved++;
                }
            }

            requeued += moved;
            if (moved == 0)
            {
                break;
            }
        }

        return TypedResults.Ok(new RequeueResponse(
            requeued,
            original,
            await CountAsync(storage, queue, cancellationToken)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string queue,
        string messageId,
        HostQueues queues,
        HostStorageBackend backend,
        ILogger<HostQueues> logger,
        CancellationToken cancellationToken)
    {
        if (queues.OriginalOf(queue) is null)
        {
            return UnknownQueue(queue, queues);
        }

        if (!await backend.Administration.DeleteAsync(queue, messageId, cancellationToken))
        {
            return UnknownMessage(queue, messageId);
        }

        Logs.PoisonDeleted(logger, messageId, queue);
        return TypedResults.NoContent();
    }

    private static async Task<int> CountAsync(
        IStorageProvider storage,
        string queueName,
        CancellationToken cancellationToken)
    {
        var queue = storage.GetQueue(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        return await queue.CountAsync(cancellationToken);
    }

    private static ProblemHttpResult UnknownQueue(string queue, HostQueues queues) =>
        FunctionResults.Problem(
            StatusCodes.Status404NotFound,
            $"'{queue}' is not a poison queue of this host; they are " +
                $"{string.Join(", ", queues.Names.Select(StorageNames.PoisonQueueFor))}.");

    private static ProblemHttpResult UnknownMessage(string queue, string messageId) =>
        FunctionResults.Problem(
            StatusCodes.Status404NotFound,
            $"No message '{messageId}' among the first {IQueueAdministration.MaxPeek} of {queue} (it was re-queued " +
                $"or " +
                $"deleted, or lies further back).");
}
