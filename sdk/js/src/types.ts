/* The API's objects (API.md), camelCased. Enumerated values are typed as their known strings plus `string`, so a
   value a newer server adds never breaks an older client. */

type Known<T extends string> = T | (string & {});
export type JsonObject = Record<string, unknown>;
export type SubscriptionStatus = Known<"subscribed" | "unsubscribed" | "non_subscribed">;
export type FlowStatus = Known<"draft" | "active" | "paused" | "archived">;
export type MemberStatus = Known<"active" | "waiting" | "completed" | "dropped" | "failed">;

/** A rule tree node (API.md §6): a group (`all`, `any`, `not`) or a leaf. */
export type RuleNode =
  | { all: RuleNode[] }
  | { any: RuleNode[] }
  | { not: RuleNode }
  | ({ source: Known<"contact" | "list" | "event" | "context" | "email_step">; operator: string } & JsonObject);

export interface Contact {
  id: string;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  timezone: string;
  emailSubscriptionStatus: SubscriptionStatus;
  smsSubscriptionStatus: SubscriptionStatus;
  optedInAt: string | null;
  /** Custom field values by `api_name`, keys as you named them. */
  fields: JsonObject;
  createdAt: string;
  updatedAt: string;
}

export interface ContactInput {
  email?: string | null;
  phone?: string | null;
  externalId?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  timezone?: string | null;
  emailSubscriptionStatus?: SubscriptionStatus;
  smsSubscriptionStatus?: SubscriptionStatus;
  fields?: JsonObject;
}

/** Identity, first match wins: `contactId`, `externalId`, `email`, `phone`. */
export interface UpsertContactParams extends ContactInput {
  contactId?: string;
}

export interface UpsertContactResult {
  contactId: string;
  created: boolean;
  contact: Contact;
}

export interface ListContactsParams {
  email?: string;
  phone?: string;
  externalId?: string;
  search?: string;
  page?: number;
  limit?: number;
}

export interface FlowStep extends JsonObject {
  stepId: string;
  type: Known<"send_email" | "send_sms" | "wait" | "wait_for_reply" | "update_contact" | "add_to_list"
    | "remove_from_list" | "condition_check" | "split" | "send_webhook" | "create_page" | "drop_from_flow">;
  label?: string;
  nextStepId?: string | null;
}

export interface FlowTrigger extends JsonObject {
  type: Known<"api" | "added_to_static_list" | "removed_from_static_list" | "contact_created" | "contact_updated"
    | "date_based" | "form_submitted" | "event" | "inbound_message">;
}

export interface FlowSettings {
  sessionTtlMinutes?: number | null;
  allowPublicTrigger?: boolean;
  timezone?: string;
  exitOnUnsubscribe?: boolean;
  quietHours?: { start: string; end: string } | null;
}

export interface ReentryPolicy {
  mode: Known<"no_reentry" | "after_exit" | "after_cooldown">;
  cooldownMinutes?: number;
}

export interface FlowStats {
  totalEntered: number;
  activeCount: number;
  waitingCount: number;
  completedCount: number;
  droppedCount: number;
  failedCount: number;
  mostRecentEntryAt: string | null;
}

export interface Flow {
  id: string;
  name: string;
  description: string;
  status: FlowStatus;
  reentryPolicy: ReentryPolicy;
  triggers: FlowTrigger[];
  entryStepId: string | null;
  steps: FlowStep[];
  disqualificationRules: RuleNode | null;
  ui?: JsonObject | null;
  settings: FlowSettings;
  version: number;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  stats: FlowStats;
}

export interface FlowInput {
  name?: string;
  description?: string;
  reentryPolicy?: ReentryPolicy;
  triggers?: FlowTrigger[];
  steps?: FlowStep[];
  entryStepId?: string | null;
  disqualificationRules?: RuleNode | null;
  ui?: JsonObject | null;
  settings?: FlowSettings;
}

export interface CreateFlowParams extends FlowInput {
  name: string;
}

export interface ListFlowsParams {
  status?: Known<"draft" | "active" | "paused" | "archived" | "any">;
  archived?: boolean;
  sortBy?: Known<"updated_at" | "created_at" | "name">;
  sortOrder?: "asc" | "desc";
  search?: string;
  page?: number;
  limit?: number;
}

/** Who to start: exactly one of `contactId`, `email`, `phone`, `externalId`. */
export interface TriggerRecipient {
  contactId?: string;
  email?: string;
  phone?: string;
  externalId?: string;
  /** Available as `{{context.*}}` in every step; keys as you write them. */
  context?: JsonObject;
  /** Fields for a contact the call creates or updates. */
  contact?: ContactInput;
}

export interface TriggerParams extends TriggerRecipient {
  flowId: string;
}

export interface TriggerResult {
  id?: string;
  status: Known<"started" | "already_running" | "skipped">;
  flowId: string;
  flowName: string;
  contactId: string;
  reason?: Known<"segment_mismatch" | "reentry_denied" | "disqualified">;
}

export interface TriggerBatchResult {
  results: Array<{
    index: number;
    status: Known<"started" | "already_running" | "skipped" | "invalid">;
    id?: string;
    contactId?: string;
    reason?: string;
    errors?: Array<{ path: string; message: string }>;
  }>;
}

export interface StepStats {
  version: number;
  stepStats: Array<{ stepId: string; atStep: number; waiting: number; executed: number; exited: number }>;
  edgeStats: Array<{ fromStepId: string; toStepId: string; edge: string; taken: number }>;
}

export interface ValidateResult {
  ready: boolean;
  missing: Array<{ path: string; message: string }>;
}

export interface TimelineEntry {
  at: string;
  type: string;
  stepId: string | null;
  data: JsonObject;
}

export interface Member {
  id: string;
  flowId: string;
  flowVersion: number;
  contactId: string;
  status: MemberStatus;
  currentStepId: string | null;
  wakeAt: string | null;
  enteredAt: string;
  exitedAt: string | null;
  exitReason: string | null;
  failure: { stepId: string; error: string; attempts: number } | null;
  context: JsonObject;
  dynamicContext: JsonObject;
  /** Only from `flows.members.get`. */
  timeline?: TimelineEntry[];
}

export interface InsertStepOptions {
  position?: "start" | "end";
  beforeStepId?: string;
  afterStepId?: string;
}

export type SetStepEmailParams =
  | { source: "existing"; emailId: string }
  | { source: "template"; templateId: string; subject: string }
  | { source: "html"; html: string; subject: string }
  | { source: "blank"; subject: string };

export interface DeletedFlow {
  flowId: string;
  deleted: boolean;
}

export interface ContactEvent extends JsonObject {
  name: string;
  properties: JsonObject;
  occurredAt: string;
}

export interface TrackEventParams {
  name: string;
  contactId?: string;
  email?: string;
  phone?: string;
  externalId?: string;
  /** Keys as you write them. */
  properties?: JsonObject;
  occurredAt?: string | Date;
  /** A repeated `eventId` is accepted and ignored. */
  eventId?: string;
}

export interface CustomField {
  apiName: string;
  label: string;
  type: Known<"text" | "number" | "boolean" | "date" | "datetime">;
  status: Known<"active" | "archived">;
  [key: string]: unknown;
}

export interface List {
  id: string;
  name: string;
  type: Known<"static" | "dynamic">;
  rules: RuleNode | null;
  memberCount: number;
  [key: string]: unknown;
}

export interface Email {
  id: string;
  name: string;
  subject: string;
  preheader: string | null;
  fromName: string | null;
  fromEmail: string | null;
  replyTo: string | null;
  html: string | null;
  text: string | null;
  status: Known<"draft" | "approved">;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

export interface Template {
  id: string;
  name: string;
  html: string;
  text: string | null;
  [key: string]: unknown;
}

export interface Form {
  id: string;
  name: string;
  fields: Array<{ name: string; type: string; required: boolean }>;
  listId: string | null;
  redirectUrl: string | null;
  [key: string]: unknown;
}

export interface PageObject {
  id: string;
  name: string;
  alias: string;
  url: string;
  html: string | null;
  templateId: string | null;
  formId: string | null;
  published: boolean;
  memberId: string | null;
  views: number;
  submissions: number;
  createdAt: string;
  updatedAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  kind: Known<"secret" | "public">;
  scopes: string[];
  allowedOrigins?: string[] | null;
  /** Only in the answer to `apiKeys.create`. */
  key?: string;
  createdAt: string;
  [key: string]: unknown;
}

export interface WorkspaceSettings {
  timezone: string;
  postalAddress: string | null;
  smsHelpText: string | null;
  smsFrom: string | null;
  quietHours: { start: string; end: string } | null;
  defaultFromEmail: string | null;
  defaultFromName: string | null;
}

export interface Secret {
  name: string;
  createdAt: string;
}

export interface Workspace {
  id: string;
  name: string;
  timezone: string;
  /** Only in the answer to `workspaces.create`. */
  apiKey?: string;
}

export interface InboundSmsParams {
  from: string;
  text: string;
  to?: string;
  messageId?: string;
}

export interface InboundSmsResult {
  messageId: string;
  /** Where API.md §12's routing sent it, e.g. `reply`, `trigger`, `stop`, `help`, `event`. */
  routedTo: string;
  contactId: string;
  memberId: string | null;
  duplicate: boolean;
}

export interface OutboxMessage {
  id: string;
  channel: string;
  to: string;
  subject: string | null;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  sentAt: string;
  memberId: string | null;
  stepId: string | null;
  [key: string]: unknown;
}
