namespace Runnel.Core.Webhooks;

/// <summary>
/// A webhook a <c>send_webhook</c> step emits, frozen at that moment: target, auth and the exact body, so every retry
/// sends the same bytes under the same <c>webhook-id</c>. <see cref="IdempotencyKey"/> (member, step, visit) makes it
/// written once however often the run that emits it is repeated.
/// </summary>
public sealed record WebhookRequest(
    Guid Id,
    Guid WorkspaceId,
    Guid FlowId,
    Guid MemberId,
    string StepId,
    int Visit,
    string IdempotencyKey,
    string Url,
    string Method,
    string? BearerToken,
    string? JwtSecretRef,
    bool FailMemberOnFailure,
    string Body)
{
    /// <summary>The Standard Webhooks message id: stable across retries of this delivery.</summary>
    public string MessageId => $"msg_{Id:N}";
}
