using Microsoft.Extensions.Logging;

namespace Runnel.Core.Diagnostics;

/// <summary>
/// Every message Runnel logs, source-generated, with its id from <see cref="RunnelEventId"/>. Members, flows, steps
/// and workspaces are the structured properties <c>member_id</c>, <c>flow_id</c>, <c>step_id</c> and
/// <c>workspace_id</c>, so one query finds everything that happened to a member.
/// </summary>
public static partial class LogMessages
{
    // Runtime

    [LoggerMessage(EventId = RunnelEventId.Runtime.MemberFailed, Level = LogLevel.Error,
        Message = "Member {member_id} of flow {flow_id} failed at step {step_id} in workspace {workspace_id}: {reason}")]
    public static partial void MemberFailed(this ILogger logger, Exception error, Guid member_id, Guid flow_id,
        string? step_id, Guid workspace_id, string reason);

    [LoggerMessage(EventId = RunnelEventId.Runtime.StaleWrite, Level = LogLevel.Information,
        Message = "Member {member_id} of flow {flow_id} changed since it was claimed; its run from step {step_id} in "
                  + "workspace {workspace_id} was not committed")]
    public static partial void StaleWrite(this ILogger logger, Guid member_id, Guid flow_id, string? step_id,
        Guid workspace_id);

    [LoggerMessage(EventId = RunnelEventId.Runtime.LeaseTakenOver, Level = LogLevel.Warning,
        Message = "Member {member_id} of flow {flow_id} at step {step_id} in workspace {workspace_id} taken over from "
                  + "node {previous_owner}, whose lease expired")]
    public static partial void LeaseTakenOver(this ILogger logger, Guid member_id, Guid flow_id, string? step_id,
        Guid workspace_id, string previous_owner);

    [LoggerMessage(EventId = RunnelEventId.Runtime.PumpRoundFailed, Level = LogLevel.Error,
        Message = "A {loop} round failed; retrying")]
    public static partial void PumpRoundFailed(this ILogger logger, Exception error, string loop);



    // Delivery

    [LoggerMessage(EventId = RunnelEventId.Delivery.EmailSent, Level = LogLevel.Debug,
        Message = "Sent email {message_id} (member {member_id}, step {step_id}) on attempt {attempts}")]
    public static partial void EmailSent(this ILogger logger, Guid message_id, Guid member_id, string step_id,
        int attempts);

    [LoggerMessage(EventId = RunnelEventId.Delivery.EmailRetry, Level = LogLevel.Warning,
        Message = "Email {message_id} (member {member_id}, step {step_id}) attempt {attempts} failed, retrying at "
                  + "{retry_at}: {error}")]
    public static partial void EmailRetry(this ILogger logger, Guid message_id, Guid member_id, string step_id,
        int attempts, DateTimeOffset retry_at, string? error);

    [LoggerMessage(EventId = RunnelEventId.Delivery.EmailNotDelivered, Level = LogLevel.Warning,
        Message = "Email {message_id} (member {member_id}, step {step_id}) was not delivered: {error}")]
    public static partial void EmailNotDelivered(this ILogger logger, Guid message_id, Guid member_id, string step_id,
        string error);

    [LoggerMessage(EventId = RunnelEventId.Delivery.SmsSent, Level = LogLevel.Debug,
        Message = "Sent SMS {message_id} (member {member_id}, step {step_id}) on attempt {attempts} as {provider_message_id}")]
    public static partial void SmsSent(this ILogger logger, Guid message_id, Guid member_id, string step_id,
        int attempts, string? provider_message_id);

    [LoggerMessage(EventId = RunnelEventId.Delivery.SmsRetry, Level = LogLevel.Warning,
        Message = "SMS {message_id} (member {member_id}, step {step_id}) attempt {attempts} failed, retrying at "
                  + "{retry_at}: {error}")]
    public static partial void SmsRetry(this ILogger logger, Guid message_id, Guid member_id, string step_id,
        int attempts, DateTimeOffset retry_at, string? error);

    [LoggerMessage(EventId = RunnelEventId.Delivery.SmsFailed, Level = LogLevel.Warning,
        Message = "SMS {message_id} (member {member_id}, step {step_id}) failed after {attempts} attempts: {error}")]
    public static partial void SmsFailed(this ILogger logger, Guid message_id, Guid member_id, string step_id,
        int attempts, string error);

    [LoggerMessage(EventId = RunnelEventId.Delivery.SmsSkipped, Level = LogLevel.Information,
        Message = "SMS {message_id} (member {member_id}, step {step_id}) skipped: the recipient unsubscribed")]
    public static partial void SmsSkipped(this ILogger logger, Guid message_id, Guid member_id, string step_id);

    [LoggerMessage(EventId = RunnelEventId.Delivery.SmsInbound, Level = LogLevel.Debug,
        Message = "Inbound SMS {provider_message_id} in workspace {workspace_id} routed to {routed_to} (member {member_id})")]
    public static partial void SmsInbound(this ILogger logger, string provider_message_id, Guid workspace_id,
        string routed_to, Guid? member_id);

    [LoggerMessage(EventId = RunnelEventId.Delivery.SmsSignatureRejected, Level = LogLevel.Warning,
        Message = "Refused an SMS webhook at {path}: {reason}")]
    public static partial void SmsSignatureRejected(this ILogger logger, string path, string reason);

    // Webhooks

    [LoggerMessage(EventId = RunnelEventId.Webhooks.WebhookAnswered, Level = LogLevel.Information,
        Message = "Webhook {webhook_id} for member {member_id} at step {step_id} answered {status_code}")]
    public static partial void WebhookAnswered(this ILogger logger, string webhook_id, Guid member_id, string step_id,
        int status_code);

    [LoggerMessage(EventId = RunnelEventId.Webhooks.WebhookBlocked, Level = LogLevel.Warning,
        Message = "Webhook {webhook_id} for member {member_id} at step {step_id} blocked: {reason}")]
    public static partial void WebhookBlocked(this ILogger logger, string webhook_id, Guid member_id, string step_id,
        string reason);

    [LoggerMessage(EventId = RunnelEventId.Webhooks.PageGeneratorFailed, Level = LogLevel.Warning,
        Message = "Page generator call for member {member_id} at step {step_id} failed: {error}")]
    public static partial void PageGeneratorFailed(this ILogger logger, Guid member_id, string step_id, string error);

    [LoggerMessage(EventId = RunnelEventId.Webhooks.WebhookRetry, Level = LogLevel.Warning,
        Message = "Webhook {webhook_id} for member {member_id} of flow {flow_id} at step {step_id} in workspace "
                  + "{workspace_id}: attempt {attempt} failed, retrying at {retry_at}: {error}")]
    public static partial void WebhookRetry(this ILogger logger, string webhook_id, Guid member_id, Guid flow_id,
        string step_id, Guid workspace_id, int attempt, DateTimeOffset retry_at, string? error);

    [LoggerMessage(EventId = RunnelEventId.Webhooks.WebhookFailed, Level = LogLevel.Warning,
        Message = "Webhook {webhook_id} for member {member_id} of flow {flow_id} at step {step_id} in workspace "
                  + "{workspace_id} failed after {attempt} attempts: {error}")]
    public static partial void WebhookFailed(this ILogger logger, string webhook_id, Guid member_id, Guid flow_id,
        string step_id, Guid workspace_id, int attempt, string? error);

    [LoggerMessage(EventId = RunnelEventId.Webhooks.WebhookCancelled, Level = LogLevel.Debug,
        Message = "Webhook {webhook_id} cancelled: member {member_id} of flow {flow_id} left step {step_id} in "
                  + "workspace {workspace_id}")]
    public static partial void WebhookCancelled(this ILogger logger, string webhook_id, Guid member_id, Guid flow_id,
        string step_id, Guid workspace_id);

    [LoggerMessage(EventId = RunnelEventId.Webhooks.WebhookRecordedElsewhere, Level = LogLevel.Information,
        Message = "Webhook {webhook_id} for member {member_id} of flow {flow_id} at step {step_id} in workspace "
                  + "{workspace_id} was finished by another attempt; this attempt's record was dropped")]
    public static partial void WebhookRecordedElsewhere(this ILogger logger, string webhook_id, Guid member_id,
        Guid flow_id, string step_id, Guid workspace_id);

    // Triggers

    [LoggerMessage(EventId = RunnelEventId.Triggers.TriggerBatchFailed, Level = LogLevel.Warning,
        Message = "A trigger dispatch round failed; dispatching its events one by one")]
    public static partial void TriggerBatchFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventId = RunnelEventId.Triggers.TriggerEventSkipped, Level = LogLevel.Error,
        Message = "Trigger event {seq} could not be dispatched; skipped")]
    public static partial void TriggerEventSkipped(this ILogger logger, Exception error, long seq);

    // Hosting

    [LoggerMessage(EventId = RunnelEventId.Hosting.UnhandledError, Level = LogLevel.Error,
        Message = "Unhandled error on {method} {path}")]
    public static partial void UnhandledError(this ILogger logger, Exception error, string method, string path);

    [LoggerMessage(EventId = RunnelEventId.Hosting.DataFolder, Level = LogLevel.Information,
        Message = "Data folder {data_folder}: database {database}, secret key {secret_key} (back them up together)")]
    public static partial void DataFolder(this ILogger logger, string data_folder, string database, string secret_key);

    [LoggerMessage(EventId = RunnelEventId.Hosting.Listening, Level = LogLevel.Information,
        Message = "Listening on {urls}{mode}; API reference at /docs")]
    public static partial void Listening(this ILogger logger, string urls, string mode);

    // Storage

    [LoggerMessage(EventId = RunnelEventId.Storage.WriteConflictRetry, Level = LogLevel.Debug,
        Message = "Write conflicted with a concurrent transaction ({sql_state}) on attempt {attempt}; running it again")]
    public static partial void WriteConflictRetry(this ILogger logger, string sql_state, int attempt);

    [LoggerMessage(EventId = RunnelEventId.Storage.ListenFailed, Level = LogLevel.Warning,
        Message = "The LISTEN connection failed; reconnecting (nodes wake by polling meanwhile)")]
    public static partial void ListenFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventId = RunnelEventId.Storage.StoreUnavailable, Level = LogLevel.Warning,
        Message = "The database is unavailable; {calls} {operation} failed before committing anything (retryable)")]
    public static partial void StoreUnavailable(this ILogger logger, Exception error, string operation, int calls);

    [LoggerMessage(EventId = RunnelEventId.Storage.NotifyFailed, Level = LogLevel.Warning,
        Message = "Committed, but telling other nodes of the new work failed; they find it by their safety poll")]
    public static partial void NotifyFailed(this ILogger logger, Exception error);
}
