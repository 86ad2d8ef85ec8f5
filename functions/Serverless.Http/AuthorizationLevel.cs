namespace Serverless.Http;

/// <summary>Which key an HTTP function needs, as in Azure Functions' <c>authLevel</c>.</summary>
public enum AuthorizationLevel
{
    /// <summary>No key.</summary>
    Anonymous,

    /// <summary>The function key or the admin key (when keys are on).</summary>
    Function,

    /// <summary>Only the admin (master) key (when keys are on).</summary>
    Admin,
}
