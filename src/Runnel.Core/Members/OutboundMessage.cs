using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Flows;
using Runnel.Core.Rules;

namespace Runnel.Core.Members;
/// <summary>
/// A message for the outbox. <see cref="IdempotencyKey"/> is stable for (member, step, visit). An SMS has its body in
/// <see cref="Text"/> and its sender and encoding in <see cref="Sms"/>; a message no member sent (an opt-out
/// confirmation) has <see cref="MemberId"/> <see cref="Guid.Empty"/>.
/// </summary>
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
    string IdempotencyKey,
    SmsDetails? Sms = null)
{
    public const string EmailChannel = "email";
    public const string SmsChannel = "sms";
}
