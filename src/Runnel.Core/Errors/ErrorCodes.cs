using Runnel.Core.Members;

namespace Runnel.Core.Errors;

/// <summary>Every <c>error_code</c> the API answers with. API.md names them; the values are part of the contract.</summary>
public static class ErrorCodes
{
    public static readonly ErrorCode ValidationFailed = new("validation_failed", 400, "Validation failed");
    public static readonly ErrorCode InvalidJson = new("invalid_json", 400, "Malformed JSON");
    public static readonly ErrorCode Unauthorized = new("unauthorized", 401, "Missing or unknown API key");
    public static readonly ErrorCode ForbiddenScope = new("forbidden_scope", 403, "The API key lacks the scope for this call");
    public static readonly ErrorCode OriginNotAllowed = new("origin_not_allowed", 403, "Origin not allowed for this key");
    public static readonly ErrorCode NotFound = new("not_found", 404, "Not found");
    public static readonly ErrorCode MethodNotAllowed = new("method_not_allowed", 405, "Method not allowed");
    public static readonly ErrorCode PayloadTooLarge = new("payload_too_large", 413, "Request body is too large");
    public static readonly ErrorCode UnsupportedMediaType = new("unsupported_media_type", 415, "Unsupported media type");
    public static readonly ErrorCode IdempotencyKeyReused =
        new("idempotency_key_reused", 422, "Idempotency key was used with a different request");
    public static readonly ErrorCode IdempotencyKeyInUse =
        new("idempotency_key_in_use", 409, "A request with this idempotency key is still running");
    public static readonly ErrorCode RateLimited = new("rate_limited", 429, "Too many requests");
    public static readonly ErrorCode InternalError = new("internal_error", 500, "Internal error");
    public static readonly ErrorCode Unavailable = new("unavailable", 503, "Service unavailable");
    public static readonly ErrorCode DevClockDisabled =
        new("dev_clock_disabled", 404, "Test mode is off on this server");

    public static readonly ErrorCode WorkspaceNotFound = new("workspace_not_found", 404, "Workspace not found");
    public static readonly ErrorCode ApiKeyNotFound = new("api_key_not_found", 404, "API key not found");
    public static readonly ErrorCode SecretNotFound = new("secret_not_found", 404, "Secret not found");
    public static readonly ErrorCode SecretInUse = new("secret_in_use", 409, "Secret is used by an active flow");

    public static readonly ErrorCode ContactNotFound = new("contact_not_found", 404, "Contact not found");
    public static readonly ErrorCode ContactIdentityConflict =
        new("contact_identity_conflict", 409, "Another contact already has this email, phone or external_id");
    public static readonly ErrorCode CustomFieldNotFound = new("custom_field_not_found", 404, "Custom field not found");
    public static readonly ErrorCode CustomFieldExists = new("custom_field_exists", 409, "Custom field already exists");

    public static readonly ErrorCode ListNotFound = new("list_not_found", 404, "List not found");
    public static readonly ErrorCode ListNotStatic = new("list_not_static", 409, "List is not static");
    public static readonly ErrorCode ListInUse = new("list_in_use", 409, "List is used by an active flow");
    public static readonly ErrorCode ListMemberNotFound = new("list_member_not_found", 404, "Contact is not on this list");

    public static readonly ErrorCode EmailNotFound = new("email_not_found", 404, "Email not found");
    public static readonly ErrorCode EmailNotReady = new("email_not_ready", 400, "Email is not ready to approve");
    public static readonly ErrorCode TemplateNotFound = new("template_not_found", 404, "Template not found");
    public static readonly ErrorCode TemplateInUse = new("template_in_use", 409, "Template is used by an email");
    public static readonly ErrorCode TemplateRenderFailed =
        new("template_render_failed", 422, "Template could not be rendered");

    public static readonly ErrorCode FlowNotFound = new("flow_not_found", 404, "Flow not found");
    public static readonly ErrorCode FormNotFound = new("form_not_found", 404, "Form not found");

    public static readonly ErrorCode PageNotFound = new("page_not_found", 404, "Page not found");
    public static readonly ErrorCode PageAliasTaken = new("page_alias_taken", 409, "Another page has this alias");
    public static readonly ErrorCode PageInUse = new("page_in_use", 409, "Page is used by an active flow's trigger");
    public static readonly ErrorCode FlowNotReady = new("flow_not_ready", 400, "Flow is not ready to activate");
    public static readonly ErrorCode FlowNotEditable = new("flow_not_editable", 409, "Flow structure is not editable in this status");
    public static readonly ErrorCode FlowActive = new("flow_active", 409, "Flow is active");
    public static readonly ErrorCode FlowNotActive = new("flow_not_active", 409, "Flow is not active");
    public static readonly ErrorCode FlowArchived = new("flow_archived", 409, "Flow is archived");
    public static readonly ErrorCode FlowDuplicateStepId = new("flow_duplicate_step_id", 409, "Duplicate step_id");
    public static readonly ErrorCode FlowStepNotFound = new("flow_step_not_found", 404, "Step not found");
    public static readonly ErrorCode StepNotSendEmail = new("step_not_send_email", 400, "Step is not a send_email step");
    public static readonly ErrorCode FlowNoEntryStep = new("flow_no_entry_step", 422, "Flow has no entry step");
    public static readonly ErrorCode FlowNotApiTriggered = new("flow_not_api_triggered", 409, "Flow has no api trigger");
    public static readonly ErrorCode FlowAlreadyInFlow = new("flow_already_in_flow", 409, "Contact is already in this flow");
    public static readonly ErrorCode FlowReentryDenied = new("flow_reentry_denied", 409, "Reentry policy denies this contact");
    public static readonly ErrorCode FlowContactDisqualified =
        new("flow_contact_disqualified", 400, "Contact matches the flow's disqualification rules");
    public static readonly ErrorCode FlowPublicTriggerDisabled =
        new("flow_public_trigger_disabled", 403, "Flow does not accept public-key triggers");
    public static readonly ErrorCode MemberNotFound = new("member_not_found", 404, "Member not found");

    public static readonly ErrorCode InvalidSignature = new("invalid_signature", 401, "The webhook signature is invalid");
    public static readonly ErrorCode SmsNumberNotFound =
        new("sms_number_not_found", 404, "No workspace has this number as settings.sms_from");
}
