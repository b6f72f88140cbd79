// What the builder knows about each step type of API.md §8.3 and trigger type of §8.2: name, icon, a new step's
// starting configuration, and the one-line summary a node shows.

import type { RuleNode, Step, Trigger } from "./types";

export interface Names {
  email: (id: string) => string | undefined;
  list: (id: string) => string | undefined;
  form: (id: string) => string | undefined;
}

export const noNames: Names = { email: () => undefined, list: () => undefined, form: () => undefined };

export interface StepType {
  type: string;
  name: string;
  icon: string;
  group: "Messages" | "Timing" | "Logic" | "Contacts" | "Actions";
  make: () => Record<string, unknown>;
}

export const STEP_TYPES: StepType[] = [
  { type: "send_email", name: "Send email", icon: "✉", group: "Messages", make: () => ({}) },
  { type: "send_sms", name: "Send SMS", icon: "✆", group: "Messages", make: () => ({ body: "" }) },
  { type: "wait_for_reply", name: "Wait for reply", icon: "↩", group: "Messages",
    make: () => ({ timeout_minutes: 60, branches: [{ match: { type: "keyword", values: ["YES"] } }] }) },
  { type: "wait", name: "Wait", icon: "◷", group: "Timing", make: () => ({ duration_amount: 1, duration_unit: "days" }) },
  { type: "condition_check", name: "Condition", icon: "◆", group: "Logic",
    make: () => ({ condition: { source: "contact", field: "email", operator: "is_set" } }) },
  { type: "split", name: "Random split", icon: "⋔", group: "Logic",
    make: () => ({ branches: [{ percent: 50 }, { percent: 50 }] }) },
  { type: "update_contact", name: "Update contact", icon: "✎", group: "Contacts", make: () => ({ updates: [{ field: "", value: "" }] }) },
  { type: "add_to_list", name: "Add to list", icon: "⊕", group: "Contacts", make: () => ({}) },
  { type: "remove_from_list", name: "Remove from list", icon: "⊖", group: "Contacts", make: () => ({}) },
  { type: "send_webhook", name: "Send webhook", icon: "⚡", group: "Actions",
    make: () => ({ endpoint_url: "https://", method: "post", auth_type: "none" }) },
  { type: "create_page", name: "Create page", icon: "☰", group: "Actions",
    make: () => ({ source: "scratch", prompt: "", auto_publish: true }) },
  { type: "drop_from_flow", name: "Drop from flow", icon: "✖", group: "Actions", make: () => ({}) },
];

export const stepType = (type: string): StepType =>
  STEP_TYPES.find((t) => t.type === type) ?? { type, name: type, icon: "?", group: "Actions", make: () => ({}) };

export interface TriggerType {
  type: string;
  name: string;
  make: () => Record<string, unknown>;
}

export const TRIGGER_TYPES: TriggerType[] = [
  { type: "api", name: "API call", make: () => ({}) },
  { type: "added_to_static_list", name: "Added to a list", make: () => ({}) },
  { type: "removed_from_static_list", name: "Removed from a list", make: () => ({}) },
  { type: "contact_created", name: "Contact created", make: () => ({}) },
  { type: "contact_updated", name: "Contact field changed", make: () => ({ field: "", operator: "changed" }) },
  { type: "date_based", name: "Date", make: () => ({ field: "created_at", mode: "on_date", trigger_time: "09:00", timezone: "UTC" }) },
  { type: "form_submitted", name: "Form submitted", make: () => ({}) },
  { type: "event", name: "Event", make: () => ({ name: "" }) },
  { type: "inbound_message", name: "Inbound SMS keyword", make: () => ({ keywords: ["START"] }) },
];

export const MAX_TRIGGERS = 25;

const plural = (n: number, unit: string) => `${n} ${n === 1 ? unit.replace(/s$/, "") : unit}`;
const clip = (s: string, n = 40) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

export function ruleSummary(rule: RuleNode | null | undefined): string {
  if (!rule) return "no condition";
  if ("all" in rule) return rule.all.length === 1 ? ruleSummary(rule.all[0]) : `all of ${rule.all.length} rules`;
  if ("any" in rule) return rule.any.length === 1 ? ruleSummary(rule.any[0]) : `any of ${rule.any.length} rules`;
  if ("not" in rule) return `not (${ruleSummary(rule.not)})`;
  const op = rule.operator?.replace(/_/g, " ");
  switch (rule.source) {
    case "email_step": return `email ${rule.step_id ?? "?"} ${op}`;
    case "list": return `${op === "in" ? "in" : "not in"} list`;
    case "event": return `${rule.name || "event"} ${op}`;
    default: {
      const v = rule.value === undefined ? "" : ` ${Array.isArray(rule.value) ? rule.value.join(", ") : String(rule.value)}`;
      return `${rule.source === "context" ? "context." : ""}${rule.field || "?"} ${op}${v}`;
    }
  }
}

export function stepSummary(step: Step, names: Names = noNames): string {
  const s = step as Record<string, unknown>;
  const id = (v: unknown) => (typeof v === "string" ? v : "");
  switch (step.type) {
    case "send_email": {
      const e = id(s.email_id);
      return e ? `Send “${names.email(e) ?? e.slice(0, 8)}”${s.operational ? " (operational)" : ""}` : "No email chosen";
    }
    case "send_sms": return id(s.body) ? `“${clip(id(s.body))}”` : "No message yet";
    case "wait": {
      if (typeof s.duration_amount === "number" && typeof s.duration_unit === "string") {
        let text = `Wait ${plural(s.duration_amount, s.duration_unit)}`;
        if (typeof s.at_time === "string") {
          text += `, then ${s.at_time} ${s.at_timezone === "contact" || !s.at_timezone ? "contact time" : s.at_timezone}`;
        }
        return text;
      }
      if (typeof s.until_date_field === "string") {
        const off = typeof s.offset_days === "number" && s.offset_days !== 0 ? ` ${s.offset_days > 0 ? "+" : ""}${s.offset_days} days` : "";
        return `Wait until ${s.until_date_field}${off}`;
      }
      if (s.condition) {
        const t = typeof s.timeout_minutes === "number" ? `, at most ${plural(s.timeout_minutes, "minutes")}` : "";
        return `Wait until ${ruleSummary(s.condition as RuleNode)}${t}`;
      }
      return "Wait (not set)";
    }
    case "wait_for_reply": {
      const n = Array.isArray(s.branches) ? s.branches.length : 0;
      return `Wait ${plural(Number(s.timeout_minutes ?? 0), "minutes")} for a reply, ${plural(n, "branches")}`;
    }
    case "update_contact": {
      const ups = Array.isArray(s.updates) ? (s.updates as { field?: string; value?: string }[])
        : s.field ? [{ field: id(s.field), value: id(s.value) }] : [];
      if (!ups.length) return "No fields set";
      const first = `${ups[0].field || "?"} = ${clip(String(ups[0].value ?? ""), 20)}`;
      return ups.length > 1 ? `Set ${first} and ${ups.length - 1} more` : `Set ${first}`;
    }
    case "add_to_list":
    case "remove_from_list": {
      const l = id(s.list_id);
      const verb = step.type === "add_to_list" ? "Add to" : "Remove from";
      return l ? `${verb} “${names.list(l) ?? l.slice(0, 8)}”` : "No list chosen";
    }
    case "condition_check": return `If ${ruleSummary(s.condition as RuleNode)}`;
    case "split": {
      const b = Array.isArray(s.branches) ? (s.branches as { percent?: number }[]) : [];
      return `Split ${b.map((x) => `${x?.percent ?? 0}%`).join(" / ")}`;
    }
    case "send_webhook": {
      let host = id(s.endpoint_url);
      try { host = new URL(host).host || host; } catch { /* not a URL yet */ }
      return `${String(s.method ?? "post").toUpperCase()} ${host || "(no URL)"}`;
    }
    case "create_page": return `Page from ${s.source === "template" ? "a template" : "scratch"}${id(s.prompt) ? `: ${clip(id(s.prompt), 28)}` : ""}`;
    case "drop_from_flow": return "Member leaves the flow";
    default: return step.type;
  }
}

export function triggerSummary(t: Trigger, names: Names = noNames): string {
  const s = t as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  switch (t.type) {
    case "api": return "API call (flows.trigger)";
    case "added_to_static_list": return `Added to “${names.list(str(s.list_id)) ?? (str(s.list_id) || "?")}”`;
    case "removed_from_static_list": return `Removed from “${names.list(str(s.list_id)) ?? (str(s.list_id) || "?")}”`;
    case "contact_created": return "Contact created";
    case "contact_updated": return `${str(s.field) || "?"} ${str(s.operator) || "changed"}${s.value !== undefined ? " " + String(s.value) : ""}`;
    case "date_based": return `${str(s.mode).replace("_", " ")} ${str(s.field)} at ${str(s.trigger_time) || "09:00"}`;
    case "form_submitted": return `Form “${names.form(str(s.form_id)) ?? (str(s.form_id) || "?")}” submitted`;
    case "event": return `Event ${str(s.name) || "?"}`;
    case "inbound_message": return `SMS ${Array.isArray(s.keywords) ? s.keywords.join(", ") : ""}`;
    default: return t.type;
  }
}

/** Merge tokens of API.md §10 offered next to Liquid fields. */
export function mergeTokens(customFields: string[]): string[] {
  return [
    "contact.first_name", "contact.last_name", "contact.email", "contact.phone", "contact.external_id",
    ...customFields.map((f) => `contact.${f}`),
    "context.", "campaign.dynamic.", "reply.text", "flow.name", "unsubscribe_url", "page_url",
  ];
}
