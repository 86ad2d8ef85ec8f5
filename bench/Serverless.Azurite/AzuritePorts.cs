namespace Serverless.Azurite;

/// <summary>The ports Azurite's three services bound (it was asked for port 0: any free one).</summary>
internal readonly record struct AzuritePorts(int Blob, int Queue, int Table);
