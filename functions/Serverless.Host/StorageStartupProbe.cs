using Polly;
using Polly.Retry;
using Polly.Timeout;
using Serverless.Hosting;
using Serverless.Storage;

namespace Serverless.Host;

/// <summary>
/// The first hosted service to start on cloud storage: waits, with back-off, until the storage answers, for at most
/// <c>Serverless:StorageStartTimeout</c>, so that a storage emulator or account still starting is waited for, and one
/// that never answers (or refuses the host) ends the start in one line naming it instead of every service failing on
/// its own.
/// </summary>
internal sealed class StorageStartupProbe(
    string storage,
    Func<CancellationToken, Task> probe,
    TimeSpan timeout,
    ILogger<StorageStartupProbe> logger)
    : IHostedService
{
    /// <summary>The setting of the probe's time budget.</summary>
    public const string TimeoutKey = "Serverless:StorageStartTimeout";

    /// <summary>Its default: long enough for Azurite or a Docker container to come up.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Reads <see cref="TimeoutKey"/>; throws naming it unless it is a positive time span.</summary>
    public static TimeSpan ReadTimeout(IConfiguration configuration)
    {
        var timeout = configuration.GetValue(TimeoutKey, DefaultTimeout);
        return timeout > TimeSpan.Zero
            ? timeout
            : throw new ArgumentException(
                $"{TimeoutKey} is {timeout}; it must be a positive time span, e.g. 00:00:30.");
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Exception? lastFailure = null;
        var pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(timeout)
            .AddRetry(new RetryStrategyOptions
            {
                // A refusal is an answer: retrying cannot change it.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(
                    static e => e is not (StorageException or OperationCanceledException)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                OnRetry = arguments =>
                {
                    lastFailure = arguments.Outcome.Exception;
                    Logs.StorageNotAnswering(logger, storage, arguments.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async token => await probe(token).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutRejectedException exception)
        {
            var cause = lastFailure is null ? "" : $" (last: {Innermost(lastFailure).Message})";
            throw new UnavailableResourceException(
                $"{storage} did not answer within {timeout.TotalSeconds:0.#} s{cause}: start it, or correct the " +
                    $"connection, or give it longer with {TimeoutKey}.",
                lastFailure ?? exception);
        }
        catch (StorageException exception)
        {
            throw new UnavailableResourceException(
                $"{storage} refused the host: {exception.Message} Check the connection's credentials and the " +
                    "identity's access to the account.",
                exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }
}
