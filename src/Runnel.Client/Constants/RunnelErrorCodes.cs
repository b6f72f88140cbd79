namespace Runnel.Client;

/// <summary>Values of <see cref="RunnelApiException.ErrorCode"/> a caller commonly branches on.</summary>
public static class RunnelErrorCodes
{
    /// <summary><c>unauthorized</c>: missing or unknown API key.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary><c>forbidden_scope</c>: the key lacks the scope.</summary>
    public const string ForbiddenScope = "forbidden_scope";

    /// <summary><c>validation_failed</c>: the request is invalid (see <see cref="RunnelApiException.Errors"/>).</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary><c>invalid_json</c>: the body is not JSON.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary><c>rate_limited</c>: too many requests.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary><c>idempotency_key_reused</c>: the idempotency key was used with another body.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary><c>idempotency_key_in_use</c>: a request with the idempotency key is still running.</summary>
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";

    /// <summary><c>flow_not_found</c>: no such flow, or not active.</summary>
    public const string FlowNotFound = "flow_not_found";

    /// <summary><c>flow_not_ready</c>: the flow cannot activate (see <see cref="RunnelApiException.Missing"/>).</summary>
    public const string FlowNotReady = "flow_not_ready";

    /// <summary><c>flow_not_editable</c>: the flow's structure cannot change in its status.</summary>
    public const string FlowNotEditable = "flow_not_editable";

    /// <summary><c>flow_active</c>: the flow is active.</summary>
    public const string FlowActive = "flow_active";

    /// <summary><c>flow_not_active</c>: the flow is not active.</summary>
    public const string FlowNotActive = "flow_not_active";

    /// <summary><c>flow_already_in_flow</c>: the contact already has a running membership.</summary>
    public const string FlowAlreadyInFlow = "flow_already_in_flow";

    /// <summary><c>flow_reentry_denied</c>: the reentry policy refuses another entry.</summary>
    public const string FlowReentryDenied = "flow_reentry_denied";

    /// <summary><c>flow_not_api_triggered</c>: the flow has no api trigger.</summary>
    public const string FlowNotApiTriggered = "flow_not_api_triggered";

    /// <summary><c>flow_no_entry_step</c>: the flow has no entry step.</summary>
    public const string FlowNoEntryStep = "flow_no_entry_step";

    /// <summary><c>flow_duplicate_step_id</c>: two steps with one id.</summary>
    public const string FlowDuplicateStepId = "flow_duplicate_step_id";

    /// <summary><c>contact_not_found</c>: no such contact.</summary>
    public const string ContactNotFound = "contact_not_found";

    /// <summary><c>member_not_found</c>: no such member.</summary>
    public const string MemberNotFound = "member_not_found";

    /// <summary><c>email_not_ready</c>: the email cannot be approved (see <see cref="RunnelApiException.Missing"/>).</summary>
    public const string EmailNotReady = "email_not_ready";

    /// <summary><c>custom_field_exists</c>: the api_name is taken.</summary>
    public const string CustomFieldExists = "custom_field_exists";

    /// <summary><c>list_not_static</c>: the list is dynamic.</summary>
    public const string ListNotStatic = "list_not_static";

    /// <summary><c>list_in_use</c>: an active flow uses the list.</summary>
    public const string ListInUse = "list_in_use";

    /// <summary><c>secret_in_use</c>: an active flow uses the secret.</summary>
    public const string SecretInUse = "secret_in_use";

    /// <summary><c>page_alias_taken</c>: the alias is taken.</summary>
    public const string PageAliasTaken = "page_alias_taken";

    /// <summary><c>payload_too_large</c>: the body is over 1 MiB.</summary>
    public const string PayloadTooLarge = "payload_too_large";
}
