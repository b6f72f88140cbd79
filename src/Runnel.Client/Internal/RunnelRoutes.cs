namespace Runnel.Client;

/// <summary>
/// Every route the SDK calls, in one table: resources call these, and the drift test reads <see cref="All"/> to check
/// each against the live server's <c>/openapi/v1.json</c>. Routes marked <c>RequiresNewerServer</c> are in API.md but
/// not answered by the server this SDK is tested with yet.
/// </summary>
internal static class RunnelRoutes
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;

    public static readonly RunnelRoute FlowsList = new("GET", "/v1/flows", null, Json.Flow, "flows");

    public static readonly RunnelRoute FlowsGet = new("GET", "/v1/flows/{id}", null, Json.Flow);

    public static readonly RunnelRoute FlowsCreate = new("POST", "/v1/flows", Json.CreateFlowRequest, Json.Flow);

    public static readonly RunnelRoute FlowsUpdate = new("PATCH", "/v1/flows/{id}", Json.UpdateFlowRequest, Json.Flow);

    public static readonly RunnelRoute FlowsDelete = new("DELETE", "/v1/flows/{id}", null, Json.FlowDeleted);

    public static readonly RunnelRoute FlowsActivate = new("POST", "/v1/flows/{id}/activate", null, Json.Flow);

    public static readonly RunnelRoute FlowsPause = new("POST", "/v1/flows/{id}/pause", null, Json.Flow);

    public static readonly RunnelRoute FlowsArchive = new("POST", "/v1/flows/{id}/archive", null, Json.Flow);

    public static readonly RunnelRoute FlowsValidate = new("POST", "/v1/flows/{id}/validate", null, Json.FlowValidation, null);

    public static readonly RunnelRoute FlowsTrigger = new("POST", "/v1/flows/{id}/trigger", Json.TriggerRequest, Json.TriggerResult);

    public static readonly RunnelRoute FlowsTriggerBatch = new("POST", "/v1/flows/{id}/trigger/batch", Json.TriggerBatchBody, Json.TriggerBatchResult, null);

    public static readonly RunnelRoute FlowsEnroll = new("POST", "/v1/flows/{id}/contacts/{contact_id}", Json.EnrollRequest, Json.FlowMember);

    public static readonly RunnelRoute FlowsStepStats = new("GET", "/v1/flows/{id}/step-stats", null, Json.FlowStepStats, null);

    public static readonly RunnelRoute StepsReplace = new("PUT", "/v1/flows/{id}/steps", Json.ReplaceStepsBody, Json.Flow);

    public static readonly RunnelRoute StepsInsert = new("POST", "/v1/flows/{id}/steps", Json.InsertStepRequest, Json.Flow);

    public static readonly RunnelRoute StepsUpdate = new("PATCH", "/v1/flows/{id}/steps/{stepId}", Json.UpdateStepBody, Json.Flow);

    public static readonly RunnelRoute StepsDelete = new("DELETE", "/v1/flows/{id}/steps/{stepId}", null, Json.Flow);

    public static readonly RunnelRoute StepsSetEmail = new("PUT", "/v1/flows/{id}/steps/{stepId}/email", Json.SetStepEmailRequest, Json.Flow);

    public static readonly RunnelRoute MembersList = new("GET", "/v1/flows/{id}/members", null, Json.FlowMember, "members");

    public static readonly RunnelRoute MembersGet = new("GET", "/v1/flows/{id}/members/{member_id}", null, Json.FlowMember);

    public static readonly RunnelRoute MembersRemove = new("DELETE", "/v1/flows/{id}/members/{member_id}", null, Json.FlowMember);

    public static readonly RunnelRoute ContactsUpsert = new("POST", "/v1/contacts", Json.UpsertContactRequest, Json.UpsertContactResult);

    public static readonly RunnelRoute ContactsGet = new("GET", "/v1/contacts/{id}", null, Json.Contact);

    public static readonly RunnelRoute ContactsList = new("GET", "/v1/contacts", null, Json.Contact, "contacts");

    public static readonly RunnelRoute ContactsUpdate = new("PATCH", "/v1/contacts/{id}", Json.UpdateContactRequest, Json.Contact);

    public static readonly RunnelRoute ContactsDelete = new("DELETE", "/v1/contacts/{id}", null, null);

    public static readonly RunnelRoute ContactsMemberships = new("GET", "/v1/contacts/{id}/memberships", null, Json.FlowMember, "memberships");

    public static readonly RunnelRoute ContactsEvents = new("GET", "/v1/contacts/{id}/events", null, Json.ContactEvent, "events");

    public static readonly RunnelRoute CustomFieldsCreate = new("POST", "/v1/custom-fields", Json.CreateCustomFieldRequest, Json.CustomField);

    public static readonly RunnelRoute CustomFieldsList = new("GET", "/v1/custom-fields", null, Json.CustomField, "custom_fields");

    public static readonly RunnelRoute CustomFieldsUpdate = new("PATCH", "/v1/custom-fields/{apiName}", Json.UpdateCustomFieldRequest, Json.CustomField);

    public static readonly RunnelRoute ListsCreate = new("POST", "/v1/lists", Json.CreateListRequest, Json.ContactList);

    public static readonly RunnelRoute ListsList = new("GET", "/v1/lists", null, Json.ContactList, "lists");

    public static readonly RunnelRoute ListsGet = new("GET", "/v1/lists/{id}", null, Json.ContactList);

    public static readonly RunnelRoute ListsUpdate = new("PATCH", "/v1/lists/{id}", Json.UpdateListRequest, Json.ContactList);

    public static readonly RunnelRoute ListsDelete = new("DELETE", "/v1/lists/{id}", null, null);

    public static readonly RunnelRoute ListsAddContacts = new("POST", "/v1/lists/{id}/contacts", Json.AddContactsBody, Json.AddContactsResult);

    public static readonly RunnelRoute ListsRemoveContact = new("DELETE", "/v1/lists/{id}/contacts/{contactId}", null, null);

    public static readonly RunnelRoute ListsContacts = new("GET", "/v1/lists/{id}/contacts", null, Json.Contact, "contacts");

    public static readonly RunnelRoute EmailsCreate = new("POST", "/v1/emails", Json.CreateEmailRequest, Json.Email);

    public static readonly RunnelRoute EmailsList = new("GET", "/v1/emails", null, Json.Email, "emails");

    public static readonly RunnelRoute EmailsGet = new("GET", "/v1/emails/{id}", null, Json.Email);

    public static readonly RunnelRoute EmailsUpdate = new("PATCH", "/v1/emails/{id}", Json.UpdateEmailRequest, Json.Email);

    public static readonly RunnelRoute EmailsApprove = new("POST", "/v1/emails/{id}/approve", null, Json.Email);

    public static readonly RunnelRoute EmailsPreview = new("POST", "/v1/emails/{id}/preview", Json.PreviewEmailRequest, Json.EmailPreview);

    public static readonly RunnelRoute FormsCreate = new("POST", "/v1/forms", Json.CreateFormRequest, Json.Form);

    public static readonly RunnelRoute FormsList = new("GET", "/v1/forms", null, Json.Form, "forms");

    public static readonly RunnelRoute FormsGet = new("GET", "/v1/forms/{id}", null, Json.Form);

    public static readonly RunnelRoute FormsUpdate = new("PATCH", "/v1/forms/{id}", Json.UpdateFormRequest, Json.Form);

    public static readonly RunnelRoute FormsDelete = new("DELETE", "/v1/forms/{id}", null, null);

    public static readonly RunnelRoute PagesCreate = new("POST", "/v1/pages", Json.CreatePageRequest, Json.Page);

    public static readonly RunnelRoute PagesList = new("GET", "/v1/pages", null, Json.Page, "pages");

    public static readonly RunnelRoute PagesGet = new("GET", "/v1/pages/{id}", null, Json.Page);

    public static readonly RunnelRoute PagesUpdate = new("PATCH", "/v1/pages/{id}", Json.UpdatePageRequest, Json.Page);

    public static readonly RunnelRoute PagesDelete = new("DELETE", "/v1/pages/{id}", null, null);

    public static readonly RunnelRoute ApiKeysCreate = new("POST", "/v1/api-keys", Json.CreateApiKeyRequest, Json.ApiKey);

    public static readonly RunnelRoute ApiKeysList = new("GET", "/v1/api-keys", null, Json.ApiKey, "api_keys");

    public static readonly RunnelRoute ApiKeysDelete = new("DELETE", "/v1/api-keys/{id}", null, null);

    public static readonly RunnelRoute SettingsGet = new("GET", "/v1/settings", null, Json.WorkspaceSettings);

    public static readonly RunnelRoute SettingsUpdate = new("PATCH", "/v1/settings", Json.UpdateSettingsRequest, Json.WorkspaceSettings);

    public static readonly RunnelRoute SecretsCreate = new("POST", "/v1/secrets", Json.CreateSecretRequest, Json.Secret);

    public static readonly RunnelRoute SecretsList = new("GET", "/v1/secrets", null, Json.Secret, "secrets");

    public static readonly RunnelRoute SecretsDelete = new("DELETE", "/v1/secrets/{name}", null, null);

    public static readonly RunnelRoute SecretsRotateWebhookSigningSecret = new("POST", "/v1/webhook-signing-secret/rotate", null, Json.WebhookSigningSecret);

    public static readonly RunnelRoute EventsTrack = new("POST", "/v1/events", Json.TrackEventRequest, Json.TrackEventResult);

    public static IReadOnlyList<RunnelRoute> All { get; } =
    [
        FlowsList, FlowsGet, FlowsCreate, FlowsUpdate,
        FlowsDelete, FlowsActivate, FlowsPause, FlowsArchive,
        FlowsValidate, FlowsTrigger, FlowsTriggerBatch, FlowsEnroll,
        FlowsStepStats, StepsReplace, StepsInsert, StepsUpdate,
        StepsDelete, StepsSetEmail, MembersList, MembersGet,
        MembersRemove, ContactsUpsert, ContactsGet, ContactsList,
        ContactsUpdate, ContactsDelete, ContactsMemberships, ContactsEvents,
        CustomFieldsCreate, CustomFieldsList, CustomFieldsUpdate, ListsCreate,
        ListsList, ListsGet, ListsUpdate, ListsDelete,
        ListsAddContacts, ListsRemoveContact, ListsContacts, EmailsCreate,
        EmailsList, EmailsGet, EmailsUpdate, EmailsApprove,
        EmailsPreview, FormsCreate, FormsList, FormsGet,
        FormsUpdate, FormsDelete, PagesCreate, PagesList,
        PagesGet, PagesUpdate, PagesDelete, ApiKeysCreate,
        ApiKeysList, ApiKeysDelete, SettingsGet, SettingsUpdate,
        SecretsCreate, SecretsList, SecretsDelete, SecretsRotateWebhookSigningSecret,
        EventsTrack,
    ];
}
