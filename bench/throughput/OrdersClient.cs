using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Serverless.Bench.Throughput;

/// <summary>
/// The order API over one <see cref="HttpClient"/> (one <see cref="SocketsHttpHandler"/>, pooled keep-alive
/// connections). Order bodies are encoded once per SKU; a POST allocates its request, its content wrapper and the
/// response bytes.
/// </summary>
internal sealed class OrdersClient(HttpClient http, Uri baseUri, IReadOnlyList<string> skus) : IOrdersProbe
{
    /// <summary>The approving test card (functions/Serverless.Orders/Payments/TestTokens.cs).</summary>
    public const string ApprovingToken = "tok_visa";

    /// <summary>
    /// Units per order; with <see cref="UnitPrice"/> the total (12.50) stays far below the approval threshold (1000).
    /// </summary>
    public const int Quantity = 1;

    public const decimal UnitPrice = 12.50m;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri _orders = new(baseUri, "orders");

    private readonly ReadOnlyMemory<byte>[] _bodies = skus
        .Select(sku => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(
            $$$"""{"customerId":"bench","items":[{"sku":"{{{sku}}}","quantity":{{{Quantity}}}}],"payment":""" +
                $$$"""{"token":"{{{ApprovingToken}}}"}}"""))
        .ToArray();

    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = int.MaxValue,
    })
    {
        Timeout = TimeSpan.FromSeconds(120),
    };

    public IReadOnlyList<string> Skus => skus;

    public async Task SetStockAsync(string sku, long quantity, CancellationToken cancellationToken)
    {
        using var content = new StringContent(
            string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $$"""{"quantity":{{quantity}},"unitPrice":{{UnitPrice}}}"""),
            Encoding.UTF8, Json);
        using var response = await http.PutAsync(
            new Uri(baseUri, $"inventory/{Uri.EscapeDataString(sku)}"),
            content,
            cancellationToken);
        await EnsureAsync(response, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.NoContent);
    }

    /// <summary>
    /// Places one order of <see cref="Quantity"/> units of SKU number <paramref name="skuIndex"/>; returns its id.
    /// </summary>
    /// <exception cref="OrderRefusedException">The host refused it (admission control, a rate limit).</exception>
    public async Task<string> PlaceOrderAsync(int skuIndex, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _orders)
        {
            Content = new ReadOnlyMemoryContent(_bodies[skuIndex % _bodies.Length]),
        };
        request.Content.Headers.ContentType = Json;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            throw new OrderRefusedException(response.StatusCode, response.Headers.RetryAfter?.Delta);
        }

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            await EnsureAsync(response, HttpStatusCode.Accepted);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return OrderIdIn(body)
            ?? throw new InvalidOperationException($"POST /api/orders answered 202 without an orderId: " +
                $"{Encoding.UTF8.GetString(body)}");
    }

    public async Task<OrderView?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(_orders + "/" + orderId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return JsonSerializer.Deserialize(body, BenchJsonContext.Default.OrderView);
    }

    public async Task<StockView> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            new Uri(baseUri, $"inventory/{Uri.EscapeDataString(sku)}"),
            cancellationToken);
        await EnsureAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return JsonSerializer.Deserialize(body, BenchJsonContext.Default.StockView)
            ?? throw new InvalidOperationException($"GET inventory/{sku} answered null.");
    }

    public async Task<PaymentView> GetPaymentAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(baseUri, $"payments/{orderId}"), cancellationToken);
        await EnsureAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return JsonSerializer.Deserialize(body, BenchJsonContext.Default.PaymentView)
            ?? throw new InvalidOperationException($"GET payments/{orderId} answered null.");
    }

    private static string? OrderIdIn(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName
                && reader.CurrentDepth == 1
                && reader.ValueTextEquals("orderId"u8))
            {
                reader.Read();
                return reader.GetString();
            }
        }

        return null;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        if (!expected.Contains(response.StatusCode))
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
                    $"{(int)response.StatusCode}: {body}");
        }
    }
}
