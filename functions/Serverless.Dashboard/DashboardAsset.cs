namespace Serverless.Dashboard;

/// <summary>One file of the dashboard, ready to send.</summary>
/// <param name="Name">Its name under <c>assets/</c>, e.g. <c>orders.js</c>.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="ContentType">Its media type, with the charset for text.</param>
/// <param name="ETag">A strong entity tag of <paramref name="Content"/> (quoted).</param>
internal sealed record DashboardAsset(string Name, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
