using System.Collections.Concurrent;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Serverless.Testing.Payments;

/// <summary>
/// A card-payments provider played by WireMock.Net on a free loopback port: the API of docs/payments.md
/// (<c>POST /v1/charges</c>, <c>GET /v1/charges?idempotency_key=</c>, <c>POST /v1/refunds</c>, bearer key
/// <see cref="ApiKey"/>) over a small stateful ledger keyed by idempotency key, answered from WireMock's response
/// callbacks. A key seen before is answered with its first result and moves no money again, as real providers do.
/// Tokens: <c>tok_decline</c> is declined (402, recorded as a failed charge), any other is approved.
/// </summary>
/// <remarks>
/// Fault switches: <see cref="Fault"/> (an outage of 5xx, hangs past the client's timeout, or charges done whose answer
/// comes too late) and <see cref="Hold"/> (requests wait until released, to see how many are in flight at once). Every
/// request is logged with the fault it got (<see cref="Calls"/>), so a test counts what reached the provider during an
/// outage.
/// </remarks>
public sealed partial class FakeCardProvider : IDisposable
{
    /// <summary>The secret key the provider accepts (test code only).</summary>
    public const string ApiKey = "sk_test_fake_provider";

    private readonly WireMockServer _server;
    private readonly ConcurrentQueue<ProviderCall> _calls = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _released = Released();
    private int _sequence;
    private int _inFlight;
    private int _maxInFlight;
    private int _disposed;
    private volatile ProviderFault _fault;

    private FakeCardProvider()
    {
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{FreePort.Next()}"],
            MaxRequestLogCount = 0,
            DisableJsonBodyParsing = true,
        });
        _server
            .Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(HandleAsync));
    }

    /// <summary>Starts a provider with an empty ledger.</summary>
    public static FakeCardProvider Start() => new();

    /// <summary>The API root to configure (<c>Orders:Payments:Card:BaseUrl</c>).</summary>
    public Uri BaseUrl => new(_server.Urls[0] + "/");

    /// <summary>What the provider does wrong from now on (requests already waiting keep the fault they got).</summary>
    public ProviderFault Fault
    {
        get => _fault;
        set => _fault = value;
    }

    /// <summary>How long a faulted request hangs before it is answered: set it past the client's timeout.</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An outage on the provider's own schedule: <paramref name="fault"/> for <paramref name="duration"/>, then
    /// <see cref="ProviderFault.None"/> again. The task ends when the outage does.
    /// </summary>
    public async Task OutageAsync(ProviderFault fault, TimeSpan duration)
    {
        Fault = fault;
        try
        {
            await Task.Delay(duration, _stopping.Token);
        }
        finally
        {
            Fault = ProviderFault.None;
        }
    }

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<ProviderCall> Calls => [.. _calls];

    /// <summary>Requests being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests ever handled at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Makes every request from now on wait before it is handled, until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_ledger)
        {
            if (_released.Task.IsCompleted)
            {
                _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets every waiting request (and every later one) through.</summary>
    public void Release()
    {
        lock (_ledger)
        {
            _released.TrySetResult();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        Release();
        _server.Stop();
        _server.Dispose();
        _stopping.Dispose();
    }

    private async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = MaxInFlight; now > max; max = MaxInFlight)
        {
            Interlocked.CompareExchange(ref _maxInFlight, now, max);
        }

        try
        {
            var fault = _fault == ProviderFault.Mixed
                ? (Interlocked.Increment(ref _sequence) % 3) switch
                {
                    0 => ProviderFault.ServerErrors,
                    1 => ProviderFault.Timeouts,
                    _ => ProviderFault.ChargeThenTimeout,
                }
                : _fault;
            // Money moves on a POST: a charge or a refund.
            if (fault == ProviderFault.ChargeThenTimeout && request.Method != "POST")
            {
                fault = _fault == ProviderFault.Mixed ? ProviderFault.Timeouts : ProviderFault.None;
            }

            _calls.Enqueue(new ProviderCall(DateTimeOffset.UtcNow, request.Method, request.Path, Key(request), fault));
            Task released;
            lock (_ledger)
            {
                released = _released.Task;
            }

            await released.WaitAsync(_stopping.Token);
            switch (fault)
            {
                case ProviderFault.ServerErrors:
                    return Error(503, "api_error", "service_unavailable", "The provider is down (simulated).");
                case ProviderFault.Timeouts:
                    await HangAsync();
                    return Error(504, "api_error", "timeout", "The provider hung (simulated).");
                case ProviderFault.ChargeThenTimeout:
                    var answer = Answer(request);
                    await HangAsync();
                    return answer;
                default:
                    return Answer(request);
            }
        }
        catch (OperationCanceledException)
        {
            return Error(503, "api_error", "stopping", "The provider is stopping.");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private Task HangAsync() => Task.Delay(HangFor, _stopping.Token);

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }
}
