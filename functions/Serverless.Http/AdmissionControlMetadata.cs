namespace Serverless.Http;

/// <summary>
/// Endpoint metadata: the endpoint starts new work, so a host that is behind refuses it (503 with
/// <c>Retry-After</c>) before it writes anything. Attached with
/// <see cref="HttpFunctionEndpointExtensions.WithAdmissionControl{TBuilder}"/>; reads, approvals, cancels and
/// management carry none and are always served.
/// </summary>
public sealed class AdmissionControlMetadata
{
    /// <summary>The one instance.</summary>
    public static AdmissionControlMetadata Instance { get; } = new();

    private AdmissionControlMetadata() { }
}
