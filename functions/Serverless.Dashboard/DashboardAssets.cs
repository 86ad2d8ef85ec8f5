using System.Security.Cryptography;
using System.Text;

namespace Serverless.Dashboard;

/// <summary>
/// The dashboard's files, read once from the assembly's embedded resources (no file system, no network). The HTML pages
/// name the API's route prefix through a placeholder, filled in here, so the pages stay static files.
/// </summary>
internal sealed class DashboardAssets
{
    private const string ResourcePrefix = "dashboard/";
    private const string ApiPrefixPlaceholder = "{{apiPrefix}}";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
    };

    private readonly Dictionary<string, DashboardAsset> _assets;

    public DashboardAssets(string apiPrefix)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        _assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            if (name.EndsWith(".html", StringComparison.Ordinal))
            {
                var html = Encoding.UTF8.GetString(content);
                content = Encoding.UTF8.GetBytes(
                    html.Replace(ApiPrefixPlaceholder, apiPrefix, StringComparison.Ordinal));
            }

            _assets[name] = new DashboardAsset(name, content, ContentTypeOf(name), ETagOf(content));
        }
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
