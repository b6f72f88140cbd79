using Runnel.Core.Flows;

namespace Runnel.Core.Interpreter;

/// <summary>
/// What <c>send_sms</c> needs from the workspace: the sender number (<c>settings.sms_from</c>), its default quiet
/// hours and time zone, and whether a provider pump sends the messages later (<paramref name="Deferred"/>) or the
/// local outbox is their destination.
/// </summary>
public sealed record SmsRunSettings(string? From, QuietHours? QuietHours, string WorkspaceTimezone, bool Deferred);
