using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Lambda.Runtime;

/// <summary>
/// The Runtime API loop: next invocation, run it, post its response or its error, again, one invocation at a time as
/// Lambda hands them out. Started once the host has started; when the Runtime API cannot be reached the process ends
/// with exit code 1, and Lambda starts another.
/// </summary>
public sealed class LambdaRuntimeLoop(
    RuntimeApiClient runtime,
    InvocationDispatcher dispatcher,
    IHostApplicationLifetime lifetime,
    ILogger<LambdaRuntimeLoop> logger,
    TimeProvider? timeProvider = null)
    : BackgroundService
{
    /// <summary>How long before its deadline an invocation is cancelled, so its answer still reaches Lambda.</summary>
    /// <remarks>2 s: a queue message's settling must come 1 s before its visibility (the deadline) ends.</remarks>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromSeconds(2);

    private const string TraceVariable = "_X_AMZN_TRACE_ID";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>How many invocations have been answered, with a response or an error.</summary>
    public int Answered { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var invocation = await runtime.NextAsync(stoppingToken).ConfigureAwait(false);
                await RunAsync(invocation, stoppingToken).ConfigureAwait(false);
                Answered++;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The Runtime API is gone or answered what it documents as fatal: Lambda starts another environment.
                Logs.RuntimeApiFailed(logger, exception);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }
        }
    }

    private async Task RunAsync(LambdaInvocation invocation, CancellationToken stoppingToken)
    {
        // As Lambda's own runtimes do, so that a tracing SDK continues the invocation's trace.
        Environment.SetEnvironmentVariable(TraceVariable, invocation.TraceId);
        var remaining = invocation.Deadline - _time.GetUtcNow() - DeadlineMargin;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (invocation.Deadline != DateTimeOffset.MaxValue)
        {
            deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        }

        byte[] response;
        try
        {
            response = await dispatcher.DispatchAsync(invocation, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            var error = exception is LambdaInvocationException known
                ? new InvocationError(known.ErrorType, known.Message)
                : InvocationError.From(exception);
            Logs.InvocationFailed(logger, exception, invocation.RequestId, error.ErrorType);
            await runtime.ReportErrorAsync(invocation.RequestId, error, stoppingToken).ConfigureAwait(false);
            return;
        }

        if (!await runtime.RespondAsync(invocation.RequestId, response, stoppingToken).ConfigureAwait(false))
        {
            var refused = new InvocationError(
                "Runtime.ResponseRefused",
                $"The Runtime API refused the response ({response.Length} bytes); Lambda's limit is 6 MB.");
            Logs.ResponseRefused(logger, invocation.RequestId, response.Length);
            await runtime.ReportErrorAsync(invocation.RequestId, refused, stoppingToken).ConfigureAwait(false);
        }
    }
}
