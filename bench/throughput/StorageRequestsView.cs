namespace Serverless.Bench.Throughput;

/// <summary>
/// The host's storage request counts since it started (<c>storage.requests</c>, <c>storage.requestsTotal</c>).
/// </summary>
internal sealed record StorageRequestsView(Dictionary<string, long>? Requests, long? RequestsTotal);
