using System.Security.Cryptography;
using System.Text;

namespace Serverless.Dashboard;

/// <summary>
/// The dashboard's files, read once from the assembly's embedded resources (no file system, no network). Each HTML page
/// is its content put into the shared layout here, once, so the pages stay static files.
/// </summary>
internal sealed class DashboardAssets
{
    private const string ResourcePrefix = "dashboard/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
    };

    private readonly Dictionary<string, DashboardAsset> _assets;

    /// <param name="apiPrefix">The API's route prefix, which each page names for its scripts.</param>
    /// <param name="traceLinkTemplate">Where an order's trace is shown (<see cref="DashboardOptions"/>), if
    /// anywhere.</param>
    public DashboardAssets(string apiPrefix, string? traceLinkTemplate = null)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                files[resource[ResourcePrefix.Length..]] = buffer.ToArray();
            }
        }

        var layout = new DashboardLayout(
            Encoding.UTF8.GetString(files[DashboardLayout.File]),
            apiPrefix,
            string.IsNullOrWhiteSpace(traceLinkTemplate) ? null : traceLinkTemplate);
        files.Remove(DashboardLayout.File);
        foreach (var page in DashboardPage.All)
        {
            files[page.File] = Encoding.UTF8.GetBytes(layout.Compose(page, Encoding.UTF8.GetString(files[page.File])));
        }

        _assets = files.ToDictionary(
            f => f.Key,
            f => new DashboardAsset(f.Key, f.Value, ContentTypeOf(f.Key), ETagOf(f.Value)),
            StringComparer.Ordinal);
    }

    /// <summary>Every asset's name.</summary>
    public IEnumerable<string> Names => _assets.Keys;

    /// <summary>The asset named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public DashboardAsset? Find(string name) => _assets.GetValueOrDefault(name);

    private static string ContentTypeOf(string name) =>
        ContentTypes.GetValueOrDefault(Path.GetExtension(name)) ?? "application/octet-stream";

    private static string ETagOf(byte[] content) =>
        "\"" + Convert.ToBase64String(SHA256.HashData(content)[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            + "\"";
}
