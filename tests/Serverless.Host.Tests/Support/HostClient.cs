using System.Net;
using System.Text;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Support;

/// <summary>
/// Typed calls of the host's HTTP contract. Every unexpected answer fails with the answer's body and the end of the
/// host's output; every wait polls with a deadline.
/// </summary>
public sealed class HostClient : IDisposable
{
    public static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(60);
    public const string ManagementPrefix = "runtime/webhooks/durabletask/instances";

    private readonly string? _key;

    public HostClient(HostProcess host, string? key = null)
        : this(host, new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) }, key)
    {
    }

    /// <summary>A client that reaches <paramref name="host"/> through <paramref name="http"/> (Lambda mode: events).
    /// </summary>
    public HostClient(HostProcess host, HttpClient http, string? key = null)
    {
        Host = host;
        _key = key;
        Http = http;
    }

    public HostProcess Host { get; }

    public HttpClient Http { get; }

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        string? json = null,
        string? idempotencyKey = null,
        string? traceParent = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (_key is not null)
        {
            request.Headers.Add("x-functions-key", _key);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>
    /// Reads the body of <paramref name="response"/>, failing unless its status is <paramref name="expected"/>.
    /// </summary>
    public async Task<string> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw Host.Failure($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
                $"{(int)response.StatusCode}, expected {(int)expected}: {body}");
        }

        return body;
    }

    public async Task<T> ExpectAsync<T>(HttpResponseMessage response, HttpStatusCode expected) =>
        Json.Deserialize<T>(await ExpectAsync(response, expected));

    public async Task<StockDto> SetStockAsync(string sku, long quantity, decimal unitPrice)
    {
        using var response = await SendAsync(
            HttpMethod.Put,
            $"api/inventory/{sku}",
            Json.Serialize(new { quantity, unitPrice }));
        return await ExpectAsync<StockDto>(response, HttpStatusCode.OK);
    }

    public async Task<StockDto> GetStockAsync(string sku)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/inventory/{sku}");
        return await ExpectAsync<StockDto>(response, HttpStatusCode.OK);
    }

    public async Task<HttpResponseMessage> PostOrderAsync(string json, string? idempotencyKey = null) =>
        await SendAsync(HttpMethod.Post, "api/orders", json, idempotencyKey);

    /// <summary>Places an order and expects 202 with a <c>Location</c> header.</summary>
    public async Task<OrderAcceptedDto> PlaceOrderAsync(string json, string? idempotencyKey = null)
    {
        using var response = await PostOrderAsync(json, idempotencyKey);
        var accepted = await ExpectAsync<OrderAcceptedDto>(response, HttpStatusCode.Accepted);
        Assert.NotNull(response.Headers.Location);
        Assert.EndsWith(
            $"/api/orders/{accepted.OrderId}",
            response.Headers.Location!.ToString(),
            StringComparison.Ordinal);
        return accepted;
    }

    public Task<OrderAcceptedDto> PlaceOrderAsync(
        string customerId,
        string sku,
        int quantity,
        string token,
        string? idempotencyKey = null) =>
        PlaceOrderAsync(OrderRequests.Body(customerId, sku, quantity, token), idempotencyKey);

    public async Task<OrderDto> GetOrderAsync(string orderId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/orders/{orderId}");
        return await ExpectAsync<OrderDto>(response, HttpStatusCode.OK);
    }

    public async Task<PaymentDto> GetPaymentAsync(string orderId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/payments/{orderId}");
        return await ExpectAsync<PaymentDto>(response, HttpStatusCode.OK);
    }

    public async Task<HttpResponseMessage> DecideAsync(string orderId, bool approve) =>
        await SendAsync(HttpMethod.Post, $"api/orders/{orderId}/{(approve ? "approve" : "reject")}");

    /// <summary>
    /// Reads with <paramref name="read"/> until <paramref name="done"/> holds and returns that value; after
    /// <see cref="SettleDeadline"/>, fails with what <paramref name="failure"/> says of the last value read.
    /// </summary>
    public async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> failure)
    {
        var deadline = DateTime.UtcNow + SettleDeadline;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw Host.Failure(failure(value));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Polls the order until <paramref name="done"/> holds; fails with its last state after
    /// <see cref="SettleDeadline"/>.
    /// </summary>
    public Task<OrderDto> WaitForOrderAsync(string orderId, Func<OrderDto, bool> done, string what) =>
        PollAsync(
            () => GetOrderAsync(orderId),
            done,
            order =>
                $"Order {orderId} did not become {what} within {SettleDeadline}; last seen: {Json.Serialize(order)}");

    /// <summary>Waits until the order is Confirmed or Cancelled.</summary>
    public Task<OrderDto> WaitUntilSettledAsync(string orderId) =>
        WaitForOrderAsync(orderId, o => o.IsSettled, "Confirmed or Cancelled");

    /// <summary>Waits until the order leaves Pending, the first status the saga moves it out of.</summary>
    public Task<OrderDto> WaitUntilNotPendingAsync(string orderId) =>
        WaitForOrderAsync(orderId, o => o.Status != OrderStatuses.Pending, "anything but Pending");

    /// <summary>Every order, following continuation tokens.</summary>
    public async Task<List<OrderDto>> ListAllOrdersAsync(string? status = null)
    {
        var orders = new List<OrderDto>();
        string? token = null;
        do
        {
            var statusFilter = status is null ? "" : "&status=" + status;
            var continuation = token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token);
            var query = $"api/orders?top=1000{statusFilter}{continuation}";
            using var response = await SendAsync(HttpMethod.Get, query);
            var page = await ExpectAsync<OrderPageDto>(response, HttpStatusCode.OK);
            orders.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return orders;
    }

    public async Task<InstanceStatusDto> GetInstanceAsync(
        string instanceId,
        HttpStatusCode expected,
        bool showHistory = false)
    {
        using var response = await SendAsync(
            HttpMethod.Get,
            $"{ManagementPrefix}/{instanceId}{(showHistory ? "?showHistory=true" : "")}");
        return await ExpectAsync<InstanceStatusDto>(response, expected);
    }

    /// <summary>
    /// Polls an instance (with its history) until its runtime status is <paramref name="runtimeStatus"/>.
    /// </summary>
    public async Task<InstanceStatusDto> WaitForInstanceAsync(string instanceId, string runtimeStatus)
    {
        var last = await PollAsync(
            async () =>
            {
                using var response = await SendAsync(
                    HttpMethod.Get,
                    $"{ManagementPrefix}/{instanceId}?showHistory=true");
                var body = await response.Content.ReadAsStringAsync();
                var instance = response.StatusCode == HttpStatusCode.NotFound
                    ? null
                    : Json.Deserialize<InstanceStatusDto>(body);
                return (Status: (int)response.StatusCode, Body: body, Instance: instance);
            },
            answer => answer.Instance?.RuntimeStatus == runtimeStatus,
            answer =>
                $"Instance {instanceId} was not {runtimeStatus} within {SettleDeadline}; last answer " +
                    $"{answer.Status}: " +
                    $"{answer.Body}");
        return last.Instance!;
    }

    /// <summary>
    /// Every instance in one of <paramref name="runtimeStatus"/> (comma-separated), following continuation headers.
    /// </summary>
    public async Task<List<InstanceStatusDto>> ListInstancesAsync(string runtimeStatus)
    {
        var instances = new List<InstanceStatusDto>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(
                HttpMethod.Get,
                $"{ManagementPrefix}?runtimeStatus={runtimeStatus}&top=1000");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            if (_key is not null)
            {
                request.Headers.Add("x-functions-key", _key);
            }

            using var response = await Http.SendAsync(request);
            instances.AddRange(await ExpectAsync<List<InstanceStatusDto>>(response, HttpStatusCode.OK));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values)
                ? values.FirstOrDefault()
                : null;
        }
        while (token is not null);

        return instances;
    }

    public void Dispose() => Http.Dispose();
}
