import { ClientOptions, enc, HttpClient, Query, RequestOptions, RequestSpec } from "./core.js";
import { ListParams, ListPromise, Page } from "./pagination.js";
import { camelKeys } from "./case.js";
import { verifyWebhook, VerifyOptions, WebhookHeaders } from "./webhooks.js";
import type * as T from "./types.js";

export * from "./errors.js";
export * from "./types.js";
export type { ClientOptions, RequestOptions, FetchLike } from "./core.js";
export { DEFAULT_BASE_URL, VERSION } from "./core.js";
export { ListPromise } from "./pagination.js";
export type { Page, Pagination, ListParams } from "./pagination.js";
export type { VerifyOptions, WebhookHeaders } from "./webhooks.js";
export { verifyWebhook } from "./webhooks.js";

export interface RunnelOptions extends ClientOptions {
  /** A secret key, `rk_secret_…` (a public key works too, for the calls it may make). */
  apiKey: string;
}

type Opts = RequestOptions | undefined;

/** What every resource shares: one transport, and the list helper that turns a list answer into `{items, pagination}`. */
class Resource {
  constructor(protected readonly http: HttpClient) {}

  protected req<R>(method: RequestSpec["method"], path: string, body?: unknown, options?: Opts, query?: Query) {
    return this.http.request<R>({ method, path, body, options, query });
  }

  /** POST that carries a body only when given one (action routes take an empty body). */
  protected post<R>(path: string, body?: unknown, options?: Opts) {
    return this.req<R>("POST", path, body, options);
  }

  protected listOf<R>(path: string, key: string, params: Query | undefined, options: Opts): ListPromise<R> {
    return new ListPromise<R>(async (query) => {
      // Mapped item by item: the items key itself may be a user-owned name (`custom_fields`).
      const answer = await this.http.request<Record<string, unknown>>({ method: "GET", path, options, query, raw: true });
      const items = Array.isArray(answer?.[key]) ? (answer[key] as unknown[]) : [];
      return { items: items.map((i) => camelKeys<R>(i)), pagination: camelKeys<Page<R>["pagination"]>(answer?.pagination) };
    }, { ...params });
  }
}

class FlowSteps extends Resource {
  /** `PUT /v1/flows/{id}/steps`: replaces the whole list. */
  replace(flowId: string, steps: T.FlowStep[], options?: Opts) {
    return this.req<T.Flow>("PUT", `/v1/flows/${enc(flowId)}/steps`, { steps }, options);
  }
  /** `POST /v1/flows/{id}/steps`: at the end, or where `position` / `beforeStepId` / `afterStepId` say. */
  insert(flowId: string, step: T.FlowStep, where: T.InsertStepOptions = {}, options?: Opts) {
    return this.post<T.Flow>(`/v1/flows/${enc(flowId)}/steps`, { step, ...where }, options);
  }
  /** `PATCH /v1/flows/{id}/steps/{stepId}`: merges `step` into the step. */
  update(flowId: string, stepId: string, step: Partial<T.FlowStep>, options?: Opts) {
    return this.req<T.Flow>("PATCH", `/v1/flows/${enc(flowId)}/steps/${enc(stepId)}`, { step }, options);
  }
  delete(flowId: string, stepId: string, options?: Opts) {
    return this.req<T.Flow>("DELETE", `/v1/flows/${enc(flowId)}/steps/${enc(stepId)}`, undefined, options);
  }
  /** `PUT /v1/flows/{id}/steps/{stepId}/email`: gives a send_email step its email. */
  setEmail(flowId: string, stepId: string, email: T.SetStepEmailParams, options?: Opts) {
    return this.req<T.Flow>("PUT", `/v1/flows/${enc(flowId)}/steps/${enc(stepId)}/email`, email, options);
  }
}

class FlowMembers extends Resource {
  list(flowId: string, params?: ListParams & { status?: T.MemberStatus }, options?: Opts) {
    return this.listOf<T.Member>(`/v1/flows/${enc(flowId)}/members`, "members", params as Query, options);
  }
  /** With its timeline. */
  get(flowId: string, memberId: string, options?: Opts) {
    return this.req<T.Member>("GET", `/v1/flows/${enc(flowId)}/members/${enc(memberId)}`, undefined, options);
  }
  /** Drops the member now (`exitReason: "removed"`). */
  remove(flowId: string, memberId: string, options?: Opts) {
    return this.req<T.Member>("DELETE", `/v1/flows/${enc(flowId)}/members/${enc(memberId)}`, undefined, options);
  }
}

class Flows extends Resource {
  readonly steps = new FlowSteps(this.http);
  readonly members = new FlowMembers(this.http);

  /** Non-archived flows by default; `status: "any"` for all. Await for one page, `for await` for every flow. */
  list(params?: T.ListFlowsParams, options?: Opts) {
    return this.listOf<T.Flow>("/v1/flows", "flows", params as Query, options);
  }
  get(id: string, options?: Opts) {
    return this.req<T.Flow>("GET", `/v1/flows/${enc(id)}`, undefined, options);
  }
  /** Creates a draft flow. */
  create(body: T.CreateFlowParams, options?: Opts) {
    return this.post<T.Flow>("/v1/flows", body, options);
  }
  update(id: string, body: T.FlowInput, options?: Opts) {
    return this.req<T.Flow>("PATCH", `/v1/flows/${enc(id)}`, body, options);
  }
  delete(id: string, options?: Opts) {
    return this.req<T.DeletedFlow>("DELETE", `/v1/flows/${enc(id)}`, undefined, options);
  }
  /** Throws `RunnelError` `flow_not_ready` with `missing` when an activation check fails. */
  activate(id: string, options?: Opts) {
    return this.post<T.Flow>(`/v1/flows/${enc(id)}/activate`, undefined, options);
  }
  pause(id: string, options?: Opts) {
    return this.post<T.Flow>(`/v1/flows/${enc(id)}/pause`, undefined, options);
  }
  archive(id: string, options?: Opts) {
    return this.post<T.Flow>(`/v1/flows/${enc(id)}/archive`, undefined, options);
  }
  /** A dry run of activation (needs a server with `POST /v1/flows/{id}/validate`). */
  validate(id: string, options?: Opts) {
    return this.post<T.ValidateResult>(`/v1/flows/${enc(id)}/validate`, undefined, options);
  }
  /**
   * Starts the flow for one contact from its `api` trigger. Returns once the enrollment is durable;
   * `status` is `started`, `already_running` or `skipped` (with `reason`).
   */
  trigger(body: T.TriggerParams, options?: Opts) {
    const { flowId, ...rest } = body;
    return this.post<T.TriggerResult>(`/v1/flows/${enc(flowId)}/trigger`, rest, options);
  }
  /** Up to 1,000 recipients in one call (secret keys only; needs a server with the batch route). */
  triggerBatch(flowId: string, recipients: T.TriggerRecipient[], options?: Opts) {
    return this.post<T.TriggerBatchResult>(`/v1/flows/${enc(flowId)}/trigger/batch`, { recipients }, options);
  }
  /** Manually enrolls a contact in an active flow; `dynamicContext` is `{{campaign.dynamic.*}}`. */
  enroll(flowId: string, contactId: string, body: { dynamicContext?: T.JsonObject } = {}, options?: Opts) {
    return this.post<T.Member>(`/v1/flows/${enc(flowId)}/contacts/${enc(contactId)}`, body, options);
  }
  /** Per-step and per-edge counts of a version (default the current one; needs a server with step-stats). */
  stepStats(id: string, params: { version?: number } = {}, options?: Opts) {
    return this.req<T.StepStats>("GET", `/v1/flows/${enc(id)}/step-stats`, undefined, options, params);
  }
}

class Contacts extends Resource {
  /** Creates or updates by identity (first match wins: `contactId`, `externalId`, `email`, `phone`). */
  upsert(body: T.UpsertContactParams, options?: Opts) {
    return this.post<T.UpsertContactResult>("/v1/contacts", body, options);
  }
  get(id: string, options?: Opts) {
    return this.req<T.Contact>("GET", `/v1/contacts/${enc(id)}`, undefined, options);
  }
  list(params?: T.ListContactsParams, options?: Opts) {
    return this.listOf<T.Contact>("/v1/contacts", "contacts", params as Query, options);
  }
  update(id: string, body: T.ContactInput, options?: Opts) {
    return this.req<T.Contact>("PATCH", `/v1/contacts/${enc(id)}`, body, options);
  }
  /** Erases the contact's personal data. */
  delete(id: string, options?: Opts) {
    return this.req<void>("DELETE", `/v1/contacts/${enc(id)}`, undefined, options);
  }
  /** The contact's flow memberships, newest first. */
  memberships(id: string, params?: ListParams, options?: Opts) {
    return this.listOf<T.Member>(`/v1/contacts/${enc(id)}/memberships`, "memberships", params as Query, options);
  }
  /** The contact's events, newest first. */
  events(id: string, params?: ListParams, options?: Opts) {
    return this.listOf<T.ContactEvent>(`/v1/contacts/${enc(id)}/events`, "events", params as Query, options);
  }
}

class CustomFields extends Resource {
  create(body: { apiName: string; label: string; type: T.CustomField["type"] }, options?: Opts) {
    return this.post<T.CustomField>("/v1/custom-fields", body, options);
  }
  list(params?: ListParams, options?: Opts) {
    return this.listOf<T.CustomField>("/v1/custom-fields", "custom_fields", params as Query, options);
  }
  update(apiName: string, body: { label?: string; status?: "active" | "archived" }, options?: Opts) {
    return this.req<T.CustomField>("PATCH", `/v1/custom-fields/${enc(apiName)}`, body, options);
  }
}

class Lists extends Resource {
  create(body: { name: string; type: "static" | "dynamic"; rules?: T.RuleNode }, options?: Opts) {
    return this.post<T.List>("/v1/lists", body, options);
  }
  list(params?: ListParams, options?: Opts) {
    return this.listOf<T.List>("/v1/lists", "lists", params as Query, options);
  }
  get(id: string, options?: Opts) {
    return this.req<T.List>("GET", `/v1/lists/${enc(id)}`, undefined, options);
  }
  update(id: string, body: { name?: string; rules?: T.RuleNode }, options?: Opts) {
    return this.req<T.List>("PATCH", `/v1/lists/${enc(id)}`, body, options);
  }
  delete(id: string, options?: Opts) {
    return this.req<void>("DELETE", `/v1/lists/${enc(id)}`, undefined, options);
  }
  /** Static lists only; at most 1,000 ids a call. */
  addContacts(id: string, contactIds: string[], options?: Opts) {
    return this.post<{ added: number; alreadyPresent: number }>(`/v1/lists/${enc(id)}/contacts`, { contactIds }, options);
  }
  removeContact(id: string, contactId: string, options?: Opts) {
    return this.req<void>("DELETE", `/v1/lists/${enc(id)}/contacts/${enc(contactId)}`, undefined, options);
  }
  contacts(id: string, params?: ListParams, options?: Opts) {
    return this.listOf<T.Contact>(`/v1/lists/${enc(id)}/contacts`, "contacts", params as Query, options);
  }
}

class Emails extends Resource {
  create(body: Partial<Omit<T.Email, "id" | "status" | "approvedAt" | "createdAt" | "updatedAt">> & { name: string; subject: string; templateId?: string }, options?: Opts) {
    return this.post<T.Email>("/v1/emails", body, options);
  }
  list(params?: ListParams, options?: Opts) {
    return this.listOf<T.Email>("/v1/emails", "emails", params as Query, options);
  }
  get(id: string, options?: Opts) {
    return this.req<T.Email>("GET", `/v1/emails/${enc(id)}`, undefined, options);
  }
  update(id: string, body: Partial<Omit<T.Email, "id" | "status" | "approvedAt" | "createdAt" | "updatedAt">>, options?: Opts) {
    return this.req<T.Email>("PATCH", `/v1/emails/${enc(id)}`, body, options);
  }
  /** Throws `RunnelError` `email_not_ready` with `missing` when something is missing. */
  approve(id: string, options?: Opts) {
    return this.post<T.Email>(`/v1/emails/${enc(id)}/approve`, undefined, options);
  }
  preview(id: string, body: { contactId?: string; context?: T.JsonObject; dynamicContext?: T.JsonObject } = {}, options?: Opts) {
    return this.post<{ subject: string; html: string; text: string }>(`/v1/emails/${enc(id)}/preview`, body, options);
  }
}

class Templates extends Resource {
  create(body: { name: string; html: string; text?: string }, options?: Opts) {
    return this.post<T.Template>("/v1/templates", body, options);
  }
  list(params?: ListParams, options?: Opts) {
    return this.listOf<T.Template>("/v1/templates", "templates", params as Query, options);
  }
  get(id: string, options?: Opts) {
    return this.req<T.Template>("GET", `/v1/templates/${enc(id)}`, undefined, options);
  }
  update(id: string, body: { name?: string; html?: string; text?: string }, options?: Opts) {
    return this.req<T.Template>("PATCH", `/v1/templates/${enc(id)}`, body, options);
  }
  delete(id: string, options?: Opts) {
    return this.req<void>("DELETE", `/v1/templates/${enc(id)}`, undefined, options);
  }
}

type FormInput = { name: string; fields: T.Form["fields"]; listId?: string | null; redirectUrl?: string | null };

class Forms extends Resource {
  create(body: FormInput, options?: Opts) {
    return this.post<T.Form>("/v1/forms", body, options);
  }
  list(params?: ListParams, options?: Opts) {
    return this.listOf<T.Form>("/v1/forms", "forms", params as Query, options);
  }
  get(id: string, options?: Opts) {
    return this.req<T.Form>("GET", `/v1/forms/${enc(id)}`, undefined, options);
  }
  update(id: string, body: Partial<FormInput>, options?: Opts) {
    return this.req<T.Form>("PATCH", `/v1/forms/${enc(id)}`, body, options);
  }
  delete(id: string, options?: Opts) {
    return this.req<void>("DELETE", `/v1/forms/${enc(id)}`, undefined, options);
  }
}

type PageInput = { name: string; alias: string; html?: string; templateId?: string; formId?: string | null; published?: boolean };

/** Hosted pages (API.md §13); needs a server with the pages routes. */
class Pages extends Resource {
  create(body: PageInput, options?: Opts) {
    return this.post<T.PageObject>("/v1/pages", body, options);
  }
  list(params?: ListParams & { search?: string }, options?: Opts) {
    return this.listOf<T.PageObject>("/v1/pages", "pages", params as Query, options);
  }
  get(id: string, options?: Opts) {
    return this.req<T.PageObject>("GET", `/v1/pages/${enc(id)}`, undefined, options);
  }
  update(id: string, body: Partial<PageInput>, options?: Opts) {
    return this.req<T.PageObject>("PATCH", `/v1/pages/${enc(id)}`, body, options);
  }
  delete(id: string, options?: Opts) {
    return this.req<void>("DELETE", `/v1/pages/${enc(id)}`, undefined, options);
  }
}

class ApiKeys extends Resource {
  /** The answer holds the full `key`, shown only this once. */
  create(body: { name: string; kind: "secret" | "public"; scopes: string[]; allowedOrigins?: string[] }, options?: Opts) {
    return this.post<T.ApiKey>("/v1/api-keys", body, options);
  }
  list(params?: ListParams, options?: Opts) {
    return this.listOf<T.ApiKey>("/v1/api-keys", "api_keys", params as Query, options);
  }
  /** Revokes the key: it fails with 401 at once. */
  delete(id: string, options?: Opts) {
    return this.req<void>("DELETE", `/v1/api-keys/${enc(id)}`, undefined, options);
  }
}

class Settings extends Resource {
  get(options?: Opts) {
    return this.req<T.WorkspaceSettings>("GET", "/v1/settings", undefined, options);
  }
  update(body: Partial<T.WorkspaceSettings>, options?: Opts) {
    return this.req<T.WorkspaceSettings>("PATCH", "/v1/settings", body, options);
  }
}

class Secrets extends Resource {
  /** Creates or replaces a workspace secret; its value is never returned. */
  create(body: { name: string; value: string }, options?: Opts) {
    return this.post<T.Secret>("/v1/secrets", body, options);
  }
  list(params?: ListParams, options?: Opts) {
    return this.listOf<T.Secret>("/v1/secrets", "secrets", params as Query, options);
  }
  delete(name: string, options?: Opts) {
    return this.req<void>("DELETE", `/v1/secrets/${enc(name)}`, undefined, options);
  }
}

class Workspaces extends Resource {
  /** Needs the bootstrap admin key. The answer holds the new workspace's first secret key (`apiKey`), shown once. */
  create(body: { name: string; timezone?: string }, options?: Opts) {
    return this.post<T.Workspace>("/v1/workspaces", body, options);
  }
  list(params?: ListParams, options?: Opts) {
    return this.listOf<T.Workspace>("/v1/workspaces", "workspaces", params as Query, options);
  }
}

class Events extends Resource {
  /** Records an event; an unknown email / phone / externalId upserts the contact. Answers `{ eventId }`. */
  track(body: T.TrackEventParams, options?: Opts) {
    return this.post<{ eventId: string }>("/v1/events", body, options);
  }
}

class Webhooks extends Resource {
  /** Checks a Standard Webhooks signature and timestamp; resolves to the payload as sent. */
  verify<P = Record<string, unknown>>(rawBody: string | Uint8Array | ArrayBuffer, headers: WebhookHeaders, secret: string, options?: VerifyOptions) {
    return verifyWebhook<P>(rawBody, headers, secret, options);
  }
  /** A new signing secret (`whsec_…`), shown once; the old one keeps signing too for 24 hours. */
  rotateSigningSecret(options?: Opts) {
    return this.post<{ secret: string }>("/v1/webhook-signing-secret/rotate", undefined, options);
  }
}

/** Test mode only (a server started with `RUNNEL_DEV_CLOCK=1`). */
class Dev extends Resource {
  /** Moves the server clock (bootstrap admin key) and resolves once everything that became due has run. */
  advanceClock(seconds: number, options?: Opts) {
    return this.post<{ now: string }>("/v1/dev/clock", { advanceSeconds: seconds }, options);
  }
  /** Messages kept instead of sent. */
  outbox(params?: ListParams & { channel?: string; to?: string }, options?: Opts) {
    return this.listOf<T.OutboxMessage>("/v1/dev/outbox", "messages", params as Query, options);
  }
  /**
   * Handles a text message as if the SMS provider had delivered it (`to` defaults to the workspace's `smsFrom`) and
   * resolves once everything it caused has run: where it was routed, the contact, and the member it reached.
   */
  inboundSms(params: T.InboundSmsParams, options?: Opts) {
    return this.post<T.InboundSmsResult>("/v1/dev/sms/inbound", params, options);
  }
}

/**
 * The server client, for a secret key:
 * `const runnel = new Runnel({ apiKey: process.env.RUNNEL_SECRET_KEY! })`.
 */
export class Runnel {
  readonly flows: Flows;
  readonly contacts: Contacts;
  readonly customFields: CustomFields;
  readonly lists: Lists;
  readonly emails: Emails;
  readonly templates: Templates;
  readonly forms: Forms;
  readonly pages: Pages;
  readonly apiKeys: ApiKeys;
  readonly settings: Settings;
  readonly secrets: Secrets;
  readonly workspaces: Workspaces;
  readonly events: Events;
  readonly webhooks: Webhooks;
  readonly dev: Dev;
  /** The transport, for routes this version has no method for: `runnel.http.request({ method, path, body })`. */
  readonly http: HttpClient;

  constructor(options: RunnelOptions) {
    if (!options || typeof options.apiKey !== "string" || !options.apiKey) {
      throw new Error("Runnel: options.apiKey is required (rk_secret_…)");
    }
    const http = (this.http = new HttpClient(options.apiKey, options));
    this.flows = new Flows(http);
    this.contacts = new Contacts(http);
    this.customFields = new CustomFields(http);
    this.lists = new Lists(http);
    this.emails = new Emails(http);
    this.templates = new Templates(http);
    this.forms = new Forms(http);
    this.pages = new Pages(http);
    this.apiKeys = new ApiKeys(http);
    this.settings = new Settings(http);
    this.secrets = new Secrets(http);
    this.workspaces = new Workspaces(http);
    this.events = new Events(http);
    this.webhooks = new Webhooks(http);
    this.dev = new Dev(http);
  }
}

export default Runnel;
