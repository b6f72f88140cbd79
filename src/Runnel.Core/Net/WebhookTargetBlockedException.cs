namespace Runnel.Core.Net;

/// <summary>A webhook target refused before any connection: it is, or resolves to, a non-public address.</summary>
public sealed class WebhookTargetBlockedException(string message) : Exception(message);
