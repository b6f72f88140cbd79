namespace Runnel.Core.Webhooks;

/// <summary>
/// What one send attempt got: the HTTP status when an answer came, the receiver's <c>Retry-After</c>, or the error.
/// <see cref="Blocked"/> means the target was refused before connecting (SSRF guard): retrying cannot help.
/// </summary>
public sealed record WebhookAttempt(int? StatusCode, TimeSpan? RetryAfter, string? Error, bool Blocked = false)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
