using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Flows;
using Runnel.Core.Rules;

namespace Runnel.Core.Members;
/// <summary>A message for the outbox. <see cref="IdempotencyKey"/> is stable for (member, step, visit).</summary>
public sealed record OutboundMessage(
    Guid Id,
    string Channel,
    string To,
    string? FromName,
    string? FromEmail,
    string? ReplyTo,
    string? Subject,
    string? Html,
    string? Text,
    IReadOnlyDictionary<string, string> Headers,
    Guid MemberId,
    string StepId,
    int Visit,
    string IdempotencyKey);
