namespace Serverless.Host;

/// <summary>
/// A setting this host cannot start with; <see cref="HostApplication.Run"/> prints its message as one line and exits
/// with 2, without a stack trace.
/// </summary>
internal sealed class HostSettingException(string message) : Exception(message);
