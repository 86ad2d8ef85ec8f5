using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Load;

/// <summary>
/// Drives a <see cref="LoadPlan"/> against a host: concurrent clients place every order (each under its own
/// <c>Idempotency-Key</c>), an approver decides each order that awaits approval, and a monitor samples the stock of
/// every SKU throughout. With <c>survivesOutages</c> every call is retried, with the same key, through connection
/// failures, timeouts and 5xx answers (the host being killed and restarted); otherwise any failure fails the run at
/// once.
/// </summary>
public sealed class LoadDriver : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly HostProcess _host;
    private readonly LoadPlan _plan;
    private readonly bool _survivesOutages;
    private readonly TimeSpan _deadline;
    private readonly DateTime _deadlineAt;
    private readonly HttpClient _control;
    private readonly ConcurrentDictionary<int, string> _accepted = new();
    private readonly ConcurrentBag<Task> _approvals = [];
    private readonly ConcurrentQueue<string> _stockViolations = new();
    private int _retries;
    private int _stockSamples;

    public LoadDriver(HostProcess host, LoadPlan plan, bool survivesOutages, TimeSpan deadline)
    {
        _host = host;
        _plan = plan;
        _survivesOutages = survivesOutages;
        _deadline = deadline;
        _deadlineAt = DateTime.UtcNow + deadline;
        _control = NewClient();
    }

    /// <summary>
    /// What the failure of <see cref="WaitUntilSettledAsync"/> adds about the orders it names (for example their rows
    /// in storage), if set.
    /// </summary>
    public Func<IReadOnlyList<string>, Task<string>>? DescribeUnsettled { get; init; }

    /// <summary>Order index → the order id its 202 answer gave.</summary>
    public IReadOnlyDictionary<int, string> Accepted => _accepted;

    /// <summary>How many calls failed (connection lost, timeout, 5xx) and were retried.</summary>
    public int Retries => _retries;

    public int StockSamples => _stockSamples;

    /// <summary>Stock levels that broke an invariant when sampled during the run.</summary>
    public IReadOnlyCollection<string> StockViolations => _stockViolations;

    /// <summary>
    /// Places every order of the plan from <paramref name="clients"/> concurrent clients, each with its own connection
    /// pool.
    /// </summary>
    public async Task PlaceAllAsync(int clients)
    {
        var pending = new ConcurrentQueue<PlannedOrder>(_plan.Orders);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var http = NewClient();
            while (pending.TryDequeue(out var order))
            {
                var orderId = await PlaceAsync(http, order);
                if (!_accepted.TryAdd(order.Index, orderId))
                {
                    throw _host.Failure($"Order {order.Index} was placed twice by the test.");
                }

                if (order.Decision != Decision.None)
                {
                    _approvals.Add(Task.Run(() => DecideAsync(order, orderId)));
                }
            }
        })));
    }

    /// <summary>
    /// Waits for the approver's decisions (each task ends once its order is decided or was cancelled before).
    /// </summary>
    public Task DecisionsAsync() => Task.WhenAll(_approvals);

    /// <summary>
    /// Samples the stock of every SKU until <paramref name="stop"/> is cancelled; see <see cref="StockViolations"/>.
    /// </summary>
    public async Task MonitorStockAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var sku in _plan.Skus)
            {
                StockDto? level;
                try
                {
                    level = await TryGetAsync<StockDto>($"api/inventory/{sku.Sku}");
                }
                catch (Exception ex) when (_survivesOutages && IsOutage(ex))
                {
                    continue;
                }

                if (level is null)
                {
                    continue;
                }

                Interlocked.Increment(ref _stockSamples);
                if (level.Available < 0 || level.Reserved < 0 || level.Sold < 0 || level.Total != sku.Stock)
                {
                    _stockViolations.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {Json.Serialize(level)} (initial stock " +
                        $"{sku.Stock})");
                }
            }

            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until every placed order is Confirmed or Cancelled; returns all orders the host lists.</summary>
    public async Task<List<OrderDto>> WaitUntilSettledAsync()
    {
        while (true)
        {
            var orders = await ResilientAsync(ListAllOrdersAsync);
            var unsettled = orders.Where(o => !o.IsSettled).ToList();
            if (orders.Count >= _accepted.Count && unsettled.Count == 0)
            {
                return orders;
            }

            if (DateTime.UtcNow > _deadlineAt)
            {
                var sample = string.Join("\n", unsettled.Take(10).Select(o => Json.Serialize(o)));
                var described = await DescribeAsync([.. unsettled.Take(3).Select(o => o.OrderId)]);
                throw _host.Failure($"{unsettled.Count} of {orders.Count} orders were not settled within " +
                    $"{_deadline}; " +
                    $"for example:\n{sample}{described}");
            }

            await Task.Delay(500);
        }
    }

    public Task<StockDto> GetStockAsync(string sku) =>
        ResilientAsync(async () => (await TryGetAsync<StockDto>($"api/inventory/{sku}"))!);

    public Task<PaymentDto> GetPaymentAsync(string orderId) =>
        ResilientAsync(async () => (await TryGetAsync<PaymentDto>($"api/payments/{orderId}"))!);

    public void Dispose() => _control.Dispose();

    /// <summary>
    /// What <see cref="DescribeUnsettled"/> says of <paramref name="orderIds"/>, on a line of its own; a description
    /// that fails says so instead of hiding the failure it was to explain.
    /// </summary>
    private async Task<string> DescribeAsync(IReadOnlyList<string> orderIds)
    {
        if (DescribeUnsettled is null)
        {
            return "";
        }

        try
        {
            return "\n" + await DescribeUnsettled(orderIds);
        }
        catch (Exception e)
        {
            return $"\n(could not describe them: {e.Message})";
        }
    }

    private async Task<string> PlaceAsync(HttpClient http, PlannedOrder order)
    {
        return await ResilientAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.BaseAddress, "api/orders"))
            {
                Content = new StringContent(order.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", order.IdempotencyKey);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            ThrowIfOutage(response, body);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw _host.Failure($"Order {order.Index} ({order.Body}) answered {(int)response.StatusCode}: {body}");
            }

            return Json.Deserialize<OrderAcceptedDto>(body).OrderId;
        });
    }

    private async Task DecideAsync(PlannedOrder order, string orderId)
    {
        using var http = NewClient();
        var failedBefore = false;
        while (true)
        {
            var current = await ResilientAsync(async () => (await TryGetAsync<OrderDto>($"api/orders/{orderId}"))!);
            if (current.Status == OrderStatuses.Pending)
            {
                if (DateTime.UtcNow > _deadlineAt)
                {
                    throw _host.Failure($"Order {orderId} stayed Pending for {_deadline}; it was to be " +
                        $"{order.Decision}d.");
                }

                await Task.Delay(100);
                continue;
            }

            if (current.Status != OrderStatuses.AwaitingApproval)
            {
                // Cancelled before it needed a decision (out of stock), or decided by an earlier attempt whose answer
                // was lost.
                return;
            }

            try
            {
                var path = $"api/orders/{orderId}/{(order.Decision == Decision.Approve ? "approve" : "reject")}";
                using var response = await http.PostAsync(new Uri(_host.BaseAddress, path), null);
                var body = await response.Content.ReadAsStringAsync();
                ThrowIfOutage(response, body);
                if (response.StatusCode == HttpStatusCode.Accepted
                    || (response.StatusCode == HttpStatusCode.Conflict && failedBefore))
                {
                    return;
                }

                throw _host.Failure($"{order.Decision} of {orderId} answered {(int)response.StatusCode}: {body}");
            }
            catch (Exception ex) when (_survivesOutages && IsOutage(ex) && DateTime.UtcNow < _deadlineAt)
            {
                failedBefore = true;
                Interlocked.Increment(ref _retries);
                await Task.Delay(RetryDelay);
            }
        }
    }

    private async Task<List<OrderDto>> ListAllOrdersAsync()
    {
        var orders = new List<OrderDto>();
        string? token = null;
        do
        {
            var continuation = token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token);
            var page = (await TryGetAsync<OrderPageDto>($"api/orders?top=1000{continuation}"))!;
            orders.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return orders;
    }

    /// <summary>GET <paramref name="path"/>: the body on 200, <see langword="null"/> on 404.</summary>
    private async Task<T?> TryGetAsync<T>(string path)
        where T : class
    {
        using var response = await _control.GetAsync(new Uri(_host.BaseAddress, path));
        var body = await response.Content.ReadAsStringAsync();
        ThrowIfOutage(response, body);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Json.Deserialize<T>(body),
            HttpStatusCode.NotFound => null,
            _ => throw _host.Failure($"GET {path} answered {(int)response.StatusCode}: {body}"),
        };
    }

    /// <summary>
    /// Runs <paramref name="call"/>, retrying through outages when the run survives them, until the deadline.
    /// </summary>
    private async Task<T> ResilientAsync<T>(Func<Task<T>> call)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (_survivesOutages && IsOutage(ex) && DateTime.UtcNow < _deadlineAt)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(RetryDelay);
            }
        }
    }

    private void ThrowIfOutage(HttpResponseMessage response, string body)
    {
        if ((int)response.StatusCode >= 500)
        {
            var outage = new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
                    $"{(int)response.StatusCode}: {body}",
                null,
                response.StatusCode);
            if (!_survivesOutages)
            {
                throw _host.Failure(outage.Message);
            }

            throw outage;
        }
    }

    private static bool IsOutage(Exception exception) =>
        exception is HttpRequestException or TaskCanceledException or IOException;

    private static HttpClient NewClient() =>
        new(
            new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
