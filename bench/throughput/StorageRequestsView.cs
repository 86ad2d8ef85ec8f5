namespace Serverless.Bench.Throughput;

/// <summary>
/// The host's storage request counts per operation kind since it started (<c>storage.requests</c>; their sum,
/// <c>storage.requestsTotal</c>, is not read: the bench corrects each kind on its own).
/// </summary>
internal sealed record StorageRequestsView(Dictionary<string, long>? Requests);
