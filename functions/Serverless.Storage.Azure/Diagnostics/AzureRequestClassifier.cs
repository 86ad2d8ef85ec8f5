using Azure.Core;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Azure.Diagnostics;

/// <summary>
/// Names the <see cref="StorageOperationKinds"/> kind of one Azure Storage REST request from its method, path and
/// query. Works on the path's last segments, so account-in-host URLs (Azure) and account-in-path URLs (Azurite) read
/// alike.
/// </summary>
public static class AzureRequestClassifier
{
    private const StringComparison Ordinal = StringComparison.Ordinal;

    /// <summary>The operation kind of a request to <paramref name="service"/>.</summary>
    /// <param name="service">The service the request goes to.</param>
    /// <param name="method">The request's HTTP method.</param>
    /// <param name="path">The URL's path, e.g. <c>/devstoreaccount1/orders/messages/abc</c>.</param>
    /// <param name="query">The URL's query string, with or without its leading <c>?</c>.</param>
    public static string Classify(AzureStorageService service, RequestMethod method, string path, string query) =>
        service == AzureStorageService.Table ? Table(method, path, query) : Queue(method, path, query);

    private static string Table(RequestMethod method, string path, string query)
    {
        var last = Segment(path, 0);
        if (last == "$batch")
        {
            return method == RequestMethod.Post ? StorageOperationKinds.TableBatch : StorageOperationKinds.Other;
        }

        if (last == "Tables")
        {
            return method == RequestMethod.Post ? StorageOperationKinds.TableCreate : StorageOperationKinds.Other;
        }

        if (HasParameter(query, "comp") || HasParameter(query, "restype") || last.StartsWith("Tables(", Ordinal))
        {
            return StorageOperationKinds.Other;
        }

        if (last.Contains("(PartitionKey=", StringComparison.Ordinal))
        {
            return method == RequestMethod.Get ? StorageOperationKinds.TableGet : StorageOperationKinds.TableWrite;
        }

        if (method == RequestMethod.Get && (last.EndsWith("()", Ordinal) || HasParameter(query, "$filter")))
        {
            return StorageOperationKinds.TableQuery;
        }

        // POST to a table's name inserts one entity.
        return method == RequestMethod.Post && last.Length > 0
            ? StorageOperationKinds.TableWrite
            : StorageOperationKinds.Other;
    }

    private static string Queue(RequestMethod method, string path, string query)
    {
        if (Segment(path, 0) == "messages")
        {
            if (method == RequestMethod.Post)
            {
                return StorageOperationKinds.QueueSend;
            }

            if (method == RequestMethod.Get)
            {
                return HasParameter(query, "peekonly", "true")
                    ? StorageOperationKinds.QueuePeek
                    : StorageOperationKinds.QueueReceive;
            }

            // DELETE .../messages clears the whole queue.
            return StorageOperationKinds.Other;
        }

        if (Segment(path, 1) == "messages")
        {
            return method == RequestMethod.Put ? StorageOperationKinds.QueueUpdate
                : method == RequestMethod.Delete ? StorageOperationKinds.QueueDelete
                : StorageOperationKinds.Other;
        }

        if (HasParameter(query, "comp", "metadata") && method == RequestMethod.Get)
        {
            return StorageOperationKinds.QueueMetadata;
        }

        return method == RequestMethod.Put && !HasParameter(query, "comp") && !HasParameter(query, "restype")
            ? StorageOperationKinds.QueueCreate
            : StorageOperationKinds.Other;
    }

    /// <summary>The path segment <paramref name="fromEnd"/> places before the last (0: the last).</summary>
    private static string Segment(string path, int fromEnd)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return fromEnd < segments.Length ? Uri.UnescapeDataString(segments[^(fromEnd + 1)]) : "";
    }

    private static bool HasParameter(string query, string name, string? value = null)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)
                && (value is null || string.Equals(
                    Uri.UnescapeDataString(equals < 0 ? "" : pair[(equals + 1)..]),
                    value,
                    StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
