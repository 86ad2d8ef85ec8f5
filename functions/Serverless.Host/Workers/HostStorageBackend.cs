using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Workers;

namespace Serverless.Host.Workers;

/// <summary>
/// The storage provider the host was configured with, undecorated, and its operator-side ports: what the worker lease
/// and the management routes work on (the registered <see cref="IStorageProvider"/> is decorated: lease-gated,
/// signalling).
/// </summary>
/// <param name="Kind"><c>sqlite</c>, <c>azure</c> or <c>aws</c>.</param>
/// <param name="Provider">The provider, undecorated.</param>
/// <param name="Held">Which worker holds which messages.</param>
/// <param name="Administration">Operator actions on its queues.</param>
internal sealed record HostStorageBackend(
    string Kind,
    IStorageProvider Provider,
    IHeldMessages Held,
    IQueueAdministration Administration);
