namespace Serverless.Http;

/// <summary>
/// Endpoint metadata that makes a minimal-API endpoint an HTTP function: its name (unique across all functions) and the
/// key it needs. Attached with <see cref="HttpFunctionEndpointExtensions.AsFunction{TBuilder}"/>.
/// </summary>
/// <param name="Name">The function's name, as in function.json's folder name.</param>
/// <param name="AuthLevel">The key the function needs.</param>
public sealed record HttpFunctionMetadata(string Name, AuthorizationLevel AuthLevel);
