// One form per step type (API.md §8.3), per trigger type (§8.2), and the flow's settings.
import type { FlowDoc, RuleNode, Step, Trigger } from "../lib/types";
import { MAX_TRIGGERS, mergeTokens, stepType, TRIGGER_TYPES } from "../lib/steps";
import type { PinnedProblem } from "../lib/problems";
import { Check, JsonField, Liquid, Num, Select, Text, type Resources } from "./fields";
import { RuleEditor } from "./RuleEditor";

type Obj = Record<string, unknown>;

function clean<T extends Obj>(o: T): T & Obj {
  const c = { ...o };
  for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
  return c;
}

const UNITS = ["minutes", "hours", "days", "weeks"].map((u) => ({ value: u, label: u }));

function ProblemList({ problems }: { problems: PinnedProblem[] }) {
  if (!problems.length) return null;
  return (
    <ul className="problems" aria-label="Problems">
      {problems.map((p, i) => <li key={i}><code>{p.path}</code> {p.message}</li>)}
    </ul>
  );
}

export function StepForm({ step, doc, resources, onChange, readOnly, problems, onDelete }: {
  step: Step; doc: FlowDoc; resources: Resources; onChange: (s: Step, field: string) => void; readOnly: boolean;
  problems: PinnedProblem[]; onDelete: () => void;
}) {
  const s = step as Obj;
  const set = (field: string, value: unknown) => onChange(clean({ ...s, [field]: value }) as Step, field);
  const setMany = (patch: Obj, field: string) => onChange(clean({ ...s, ...patch }) as Step, field);
  const tokens = mergeTokens(resources.customFields.map((f) => f.api_name));
  const t = stepType(step.type);
  const lists = resources.lists.filter((l) => l.type === "static").map((l) => ({ value: l.id, label: l.name }));
  const stepOptions = doc.steps.filter((x) => x.step_id !== step.step_id).map((x) => ({ value: x.step_id, label: x.label ? `${x.label} (${x.step_id})` : x.step_id }));
  const ro = readOnly;
  const waitMode = s.condition !== undefined ? "condition" : s.until_date_field !== undefined ? "date" : "duration";
  const rule = (field: string, label: string) => (
    <div className="field">
      <span className="field-label">{label}</span>
      <RuleEditor value={(s[field] as RuleNode) ?? { all: [] }} onChange={(v) => set(field, v ?? { all: [] })} resources={resources}
        steps={doc.steps} inFlow disabled={ro} />
    </div>
  );

  return (
    <form className="panel-form" onSubmit={(e) => e.preventDefault()} aria-label={`${t.name} step ${step.step_id}`}>
      <h2><span aria-hidden="true">{t.icon}</span> {t.name} <code className="muted">{step.step_id}</code></h2>
      <ProblemList problems={problems} />
      <Text label="Label" value={step.label} onChange={(v) => set("label", v)} disabled={ro} placeholder={t.name} />
      {step.type === "send_email" ? (
        <>
          <Select label="Email" value={s.email_id} disabled={ro} onChange={(v) => set("email_id", v)}
            options={resources.emails.map((e) => ({ value: e.id, label: `${e.name}${e.status === "approved" ? "" : " (draft — approve before activating)"}` }))} />
          <Check label="Operational (also sends to unsubscribed contacts; transactional mail only)" value={s.operational} disabled={ro}
            onChange={(v) => set("operational", v || undefined)} />
        </>
      ) : null}
      {step.type === "send_sms" ? (
        <>
          <Liquid label="Message" multiline maxLength={1600} value={s.body} tokens={tokens} disabled={ro} onChange={(v) => set("body", v ?? "")} />
          <Text label="Media URL" value={s.media_url} disabled={ro} onChange={(v) => set("media_url", v)} />
        </>
      ) : null}
      {step.type === "wait" ? (
        <>
          <Select label="Wait for" value={waitMode} disabled={ro} options={[
            { value: "duration", label: "A duration" }, { value: "date", label: "A date field" }, { value: "condition", label: "A condition" }]}
            onChange={(v) => {
              const base: Obj = { step_id: s.step_id, type: "wait", label: s.label, next_step_id: s.next_step_id };
              if (v === "duration") onChange(clean({ ...base, duration_amount: 1, duration_unit: "days" }) as unknown as Step, "mode");
              if (v === "date") onChange(clean({ ...base, until_date_field: "created_at" }) as unknown as Step, "mode");
              if (v === "condition") onChange(clean({ ...base, condition: { source: "contact", field: "email", operator: "is_set" }, timeout_minutes: 1440 }) as unknown as Step, "mode");
            }} />
          {waitMode === "duration" ? (
            <>
              <Num label="Amount" value={s.duration_amount} min={1} disabled={ro} onChange={(v) => set("duration_amount", v)} />
              <Select label="Unit" value={s.duration_unit} options={UNITS} disabled={ro} onChange={(v) => set("duration_unit", v)} />
              <Text label="Then at time (HH:MM, optional)" value={s.at_time} placeholder="09:00" disabled={ro}
                onChange={(v) => setMany({ at_time: v, at_timezone: v ? (s.at_timezone ?? "contact") : undefined }, "at_time")} />
              {s.at_time ? <Text label="Time zone (“contact” or IANA)" value={s.at_timezone} disabled={ro} onChange={(v) => set("at_timezone", v)} /> : null}
            </>
          ) : null}
          {waitMode === "date" ? (
            <>
              <Select label="Date field" value={s.until_date_field} disabled={ro} onChange={(v) => set("until_date_field", v)}
                options={[{ value: "created_at", label: "created_at" }, ...resources.customFields.filter((f) => f.type === "date" || f.type === "datetime").map((f) => ({ value: f.api_name, label: f.label }))]} />
              <Num label="Offset days" value={s.offset_days} disabled={ro} onChange={(v) => set("offset_days", v)} />
            </>
          ) : null}
          {waitMode === "condition" ? (
            <>
              {rule("condition", "Release when")}
              <Num label="Timeout (minutes)" value={s.timeout_minutes} min={1} disabled={ro} onChange={(v) => set("timeout_minutes", v)} />
              <Select label="On timeout go to" value={s.timeout_step_id} options={stepOptions} empty="(end the flow)" disabled={ro} onChange={(v) => set("timeout_step_id", v)} />
            </>
          ) : null}
        </>
      ) : null}
      {step.type === "wait_for_reply" ? (
        <>
          <Num label="Timeout (minutes)" value={s.timeout_minutes} min={1} disabled={ro} onChange={(v) => set("timeout_minutes", v)} />
          {((s.branches as Obj[]) ?? []).map((b, i) => {
            const m = (b.match ?? {}) as Obj;
            const setB = (nb: Obj) => set("branches", (s.branches as Obj[]).map((x, j) => (j === i ? nb : x)));
            return (
              <fieldset key={i} className="sub">
                <legend>Reply branch {i + 1}</legend>
                <Select label="Match" value={m.type} disabled={ro} onChange={(v) => setB({ ...b, match: { ...m, type: v ?? "keyword" } })}
                  options={["keyword", "number", "regex", "any"].map((x) => ({ value: x, label: x }))} />
                {m.type !== "any" ? <Text label="Values (comma-separated)" value={Array.isArray(m.values) ? m.values.join(", ") : ""} disabled={ro}
                  onChange={(v) => setB({ ...b, match: { ...m, values: (v ?? "").split(",").map((x) => x.trim()).filter(Boolean) } })} /> : null}
                <button type="button" className="danger" disabled={ro} onClick={() => set("branches", (s.branches as Obj[]).filter((_, j) => j !== i))}>Remove branch</button>
              </fieldset>
            );
          })}
          <button type="button" disabled={ro} onClick={() => set("branches", [...((s.branches as Obj[]) ?? []), { match: { type: "keyword", values: [] } }])}>+ Reply branch</button>
        </>
      ) : null}
      {step.type === "update_contact" ? (
        <>
          {((s.updates as Obj[]) ?? []).map((u, i) => {
            const setU = (nu: Obj) => set("updates", (s.updates as Obj[]).map((x, j) => (j === i ? clean(nu) : x)));
            return (
              <fieldset key={i} className="sub">
                <legend>Update {i + 1}</legend>
                <Select label="Field" value={u.field} disabled={ro} onChange={(v) => setU({ ...u, field: v ?? "" })}
                  options={[...["first_name", "last_name", "email", "phone", "timezone", "email_subscription_status", "sms_subscription_status"].map((f) => ({ value: f, label: f })),
                    ...resources.customFields.filter((f) => f.status !== "archived").map((f) => ({ value: f.api_name, label: `${f.label} (${f.api_name})` }))]} />
                <Liquid label="Value" value={u.value} tokens={tokens} disabled={ro} onChange={(v) => setU({ ...u, value: v ?? "" })} />
                <Select label="Write mode" value={u.write_mode ?? "overwrite"} disabled={ro} onChange={(v) => setU({ ...u, write_mode: v === "overwrite" ? undefined : v })}
                  options={[{ value: "overwrite", label: "Overwrite" }, { value: "skip_if_filled", label: "Skip if filled" }]} />
                <button type="button" className="danger" disabled={ro} onClick={() => set("updates", (s.updates as Obj[]).filter((_, j) => j !== i))}>Remove</button>
              </fieldset>
            );
          })}
          <button type="button" disabled={ro} onClick={() => setMany({ updates: [...((s.updates as Obj[]) ?? []), { field: "", value: "" }], field: undefined, value: undefined }, "updates")}>+ Field</button>
        </>
      ) : null}
      {step.type === "add_to_list" || step.type === "remove_from_list" ? (
        <Select label="Static list" value={s.list_id} options={lists} disabled={ro} onChange={(v) => set("list_id", v)} />
      ) : null}
      {step.type === "condition_check" ? rule("condition", "Condition") : null}
      {step.type === "split" ? (
        <>
          {((s.branches as Obj[]) ?? []).map((b, i) => (
            <div key={i} className="row">
              <Num label={`Branch ${i + 1} percent`} value={b.percent} min={0} disabled={ro}
                onChange={(v) => set("branches", (s.branches as Obj[]).map((x, j) => (j === i ? { ...x, percent: v ?? 0 } : x)))} />
              <button type="button" className="danger" disabled={ro} aria-label={`Remove branch ${i + 1}`}
                onClick={() => set("branches", (s.branches as Obj[]).filter((_, j) => j !== i))}>Remove</button>
            </div>
          ))}
          <p className="muted">Total {((s.branches as Obj[]) ?? []).reduce((a, b) => a + Number(b.percent ?? 0), 0)}% (must be 100)</p>
          <button type="button" disabled={ro} onClick={() => set("branches", [...((s.branches as Obj[]) ?? []), { percent: 0 }])}>+ Branch</button>
        </>
      ) : null}
      {step.type === "send_webhook" ? (
        <>
          <Text label="Endpoint URL" value={s.endpoint_url} disabled={ro} onChange={(v) => set("endpoint_url", v)} placeholder="https://example.com/hook" />
          <Select label="Method" value={s.method ?? "post"} disabled={ro} onChange={(v) => set("method", v)} options={["post", "put", "get"].map((m) => ({ value: m, label: m.toUpperCase() }))} />
          <Select label="Authentication" value={s.auth_type ?? "none"} disabled={ro}
            onChange={(v) => setMany({ auth_type: v, token: undefined, secret_ref: undefined }, "auth_type")}
            options={[{ value: "none", label: "None" }, { value: "jwt", label: "JWT" }]} />
          {s.auth_type === "jwt" ? (
            <>
              <Select label="Sign with workspace secret" value={s.secret_ref} empty="(use a fixed token)" disabled={ro}
                options={resources.secrets.map((x) => ({ value: x.name, label: x.name }))} onChange={(v) => setMany({ secret_ref: v, token: v ? undefined : s.token }, "secret_ref")} />
              {!s.secret_ref ? <Text label="Bearer token" value={s.token} disabled={ro} onChange={(v) => set("token", v)} /> : null}
            </>
          ) : null}
          <JsonField label="Custom fields (JSON object, merged into the payload)" value={s.custom_fields} disabled={ro} onChange={(v) => set("custom_fields", v)} />
          <Select label="On failure" value={s.on_failure ?? "continue"} disabled={ro} onChange={(v) => set("on_failure", v === "continue" ? undefined : v)}
            options={[{ value: "continue", label: "Continue" }, { value: "fail", label: "Fail the member (after retries)" }]} />
        </>
      ) : null}
      {step.type === "create_page" ? (
        <>
          <Select label="Source" value={s.source ?? "scratch"} disabled={ro} onChange={(v) => set("source", v)}
            options={[{ value: "scratch", label: "From scratch" }, { value: "template", label: "From a template" }]} />
          {s.source === "template" ? <Text label="Template id" value={s.template_id} disabled={ro} onChange={(v) => set("template_id", v)} /> : null}
          <Liquid label="Prompt" multiline value={s.prompt} tokens={tokens.filter((x) => x.startsWith("contact."))} disabled={ro} onChange={(v) => set("prompt", v ?? "")} />
          <Liquid label="Page name" value={s.page_name} tokens={tokens.filter((x) => x.startsWith("contact."))} disabled={ro} onChange={(v) => set("page_name", v || undefined)} />
          <Liquid label="Custom page alias" value={s.custom_page_alias} tokens={tokens.filter((x) => x.startsWith("contact."))} disabled={ro} onChange={(v) => set("custom_page_alias", v || undefined)} />
          <Check label="Publish automatically" value={s.auto_publish} disabled={ro} onChange={(v) => set("auto_publish", v)} />
        </>
      ) : null}
      {step.type === "drop_from_flow" ? <p className="muted">The member leaves the flow here (exit reason “dropped_by_step”).</p> : null}
      {!ro ? <button type="button" className="danger" onClick={onDelete}>Delete step</button> : null}
    </form>
  );
}

export function TriggerForms({ doc, resources, onChange, readOnly, problems }: {
  doc: FlowDoc; resources: Resources; onChange: (t: Trigger[], field: string) => void; readOnly: boolean; problems: PinnedProblem[];
}) {
  const ro = readOnly;
  const lists = resources.lists.filter((l) => l.type === "static").map((l) => ({ value: l.id, label: l.name }));
  const dateFields = [{ value: "created_at", label: "created_at" },
    ...resources.customFields.filter((f) => (f.type === "date" || f.type === "datetime") && f.status !== "archived").map((f) => ({ value: f.api_name, label: `${f.label} (${f.api_name})` }))];
  const allFields = ["email", "phone", "first_name", "last_name", "timezone", "email_subscription_status", "sms_subscription_status",
    ...resources.customFields.map((f) => f.api_name)].map((f) => ({ value: f, label: f }));
  return (
    <div className="panel-form" aria-label="Triggers">
      <h2>Triggers <span className="muted">({doc.triggers.length}/{MAX_TRIGGERS})</span></h2>
      <ProblemList problems={problems.filter((p) => p.trigger === null)} />
      {doc.triggers.map((t, i) => {
        const o = t as Obj;
        const set = (patch: Obj, field: string) => onChange(doc.triggers.map((x, j) => (j === i ? clean({ ...x, ...patch }) as Trigger : x)), `t${i}.${field}`);
        return (
          <fieldset key={i} className="sub" data-trigger-index={i}>
            <legend>Trigger {i + 1}</legend>
            <ProblemList problems={problems.filter((p) => p.trigger === i)} />
            <Select label="Type" value={t.type} disabled={ro} options={TRIGGER_TYPES.map((x) => ({ value: x.type, label: x.name }))}
              onChange={(v) => { const tt = TRIGGER_TYPES.find((x) => x.type === v); if (tt) onChange(doc.triggers.map((x, j) => (j === i ? { type: tt.type, ...tt.make() } as Trigger : x)), `t${i}.type`); }} />
            {t.type === "added_to_static_list" || t.type === "removed_from_static_list"
              ? <Select label="List" value={o.list_id} options={lists} disabled={ro} onChange={(v) => set({ list_id: v }, "list_id")} /> : null}
            {t.type === "contact_updated" ? (
              <>
                <Select label="Field" value={o.field} options={allFields} disabled={ro} onChange={(v) => set({ field: v }, "field")} />
                <Select label="When" value={o.operator ?? "changed"} disabled={ro} onChange={(v) => set({ operator: v, value: v === "changed" ? undefined : o.value }, "operator")}
                  options={["changed", "eq", "neq", "gt", "lt", "contains", "is_set", "is_not_set"].map((x) => ({ value: x, label: x === "changed" ? "changes at all" : `new value ${x.replace(/_/g, " ")}` }))} />
                {o.operator && o.operator !== "changed" && o.operator !== "is_set" && o.operator !== "is_not_set"
                  ? <Text label="Value" value={o.value} disabled={ro} onChange={(v) => set({ value: v }, "value")} /> : null}
              </>
            ) : null}
            {t.type === "date_based" ? (
              <>
                <Select label="Date field" value={o.field} options={dateFields} disabled={ro} onChange={(v) => set({ field: v }, "field")} />
                <Select label="When" value={o.mode} disabled={ro} onChange={(v) => set({ mode: v, days_before: undefined, days_after: undefined }, "mode")}
                  options={[{ value: "on_date", label: "On the date" }, { value: "before_date", label: "Days before" }, { value: "after_date", label: "Days after" }]} />
                {o.mode === "before_date" ? <Num label="Days before" value={o.days_before} min={0} disabled={ro} onChange={(v) => set({ days_before: v }, "days_before")} /> : null}
                {o.mode === "after_date" ? <Num label="Days after" value={o.days_after} min={0} disabled={ro} onChange={(v) => set({ days_after: v }, "days_after")} /> : null}
                <Check label="Every year (anniversaries)" value={o.include_anniversaries} disabled={ro} onChange={(v) => set({ include_anniversaries: v || undefined }, "include_anniversaries")} />
                <Select label="At" value={o.trigger_time ?? "09:00"} disabled={ro} onChange={(v) => set({ trigger_time: v }, "trigger_time")}
                  options={Array.from({ length: 48 }, (_, k) => `${String(Math.floor(k / 2)).padStart(2, "0")}:${k % 2 ? "30" : "00"}`).map((x) => ({ value: x, label: x }))} />
                <Text label="Time zone (IANA)" value={o.timezone} disabled={ro} onChange={(v) => set({ timezone: v }, "timezone")} placeholder="UTC" />
              </>
            ) : null}
            {t.type === "form_submitted" ? (
              <>
                <Select label="Form" value={o.form_id} options={resources.forms.map((f) => ({ value: f.id, label: f.name }))} disabled={ro} onChange={(v) => set({ form_id: v }, "form_id")} />
                <Text label="Only on page id (optional)" value={o.page_id} disabled={ro} onChange={(v) => set({ page_id: v }, "page_id")} />
              </>
            ) : null}
            {t.type === "event" ? <Text label="Event name" value={o.name} disabled={ro} onChange={(v) => set({ name: v }, "name")} placeholder="order_placed" /> : null}
            {t.type === "inbound_message" ? (
              <Text label="Keywords (comma-separated, whole message)" value={Array.isArray(o.keywords) ? o.keywords.join(", ") : ""} disabled={ro}
                onChange={(v) => set({ keywords: (v ?? "").split(",").map((x) => x.trim()).filter(Boolean) }, "keywords")} />
            ) : null}
            {t.segment ? (
              <div className="field">
                <span className="field-label">Only contacts matching</span>
                <RuleEditor value={t.segment} onChange={(v) => set({ segment: v ?? undefined }, "segment")} resources={resources} steps={doc.steps} inFlow={false} disabled={ro} />
              </div>
            ) : <button type="button" disabled={ro} onClick={() => set({ segment: { all: [{ source: "contact", field: "email", operator: "is_set" }] } }, "segment")}>+ Segment filter</button>}
            <button type="button" className="danger" disabled={ro} onClick={() => onChange(doc.triggers.filter((_, j) => j !== i), "remove")}>Remove trigger</button>
          </fieldset>
        );
      })}
      <button type="button" disabled={ro || doc.triggers.length >= MAX_TRIGGERS} onClick={() => onChange([...doc.triggers, { type: "api" }], "add")}>
        + Trigger{doc.triggers.length >= MAX_TRIGGERS ? " (25 at most)" : ""}
      </button>
    </div>
  );
}

export function SettingsForm({ doc, resources, onChange, structureReadOnly, archived, problems }: {
  doc: FlowDoc; resources: Resources; onChange: (d: FlowDoc, field: string) => void; structureReadOnly: boolean; archived: boolean; problems: PinnedProblem[];
}) {
  const st = doc.settings;
  const setS = (patch: Obj, field: string) => onChange({ ...doc, settings: clean({ ...st, ...patch }) }, `settings.${field}`);
  const qh = st.quiet_hours ?? null;
  return (
    <form className="panel-form" onSubmit={(e) => e.preventDefault()} aria-label="Flow settings">
      <h2>Flow settings</h2>
      <ProblemList problems={problems} />
      <Text label="Name" value={doc.name} disabled={archived} onChange={(v) => onChange({ ...doc, name: v ?? "" }, "name")} />
      <Text label="Description" value={doc.description} disabled={archived} onChange={(v) => onChange({ ...doc, description: v ?? "" }, "description")} />
      <Select label="Re-entry" value={doc.reentry_policy.mode} disabled={structureReadOnly}
        onChange={(v) => onChange({ ...doc, reentry_policy: v === "after_cooldown" ? { mode: v, cooldown_minutes: doc.reentry_policy.cooldown_minutes ?? 1440 } : { mode: v ?? "no_reentry" } }, "reentry")}
        options={[{ value: "no_reentry", label: "Once ever" }, { value: "after_exit", label: "Again after leaving" }, { value: "after_cooldown", label: "Again after a cooldown" }]} />
      {doc.reentry_policy.mode === "after_cooldown" ? (
        <Num label="Cooldown (minutes)" value={doc.reentry_policy.cooldown_minutes} min={1} disabled={structureReadOnly}
          onChange={(v) => onChange({ ...doc, reentry_policy: { ...doc.reentry_policy, cooldown_minutes: v } }, "cooldown")} />
      ) : null}
      <Num label="Session TTL (minutes, empty = none)" value={st.session_ttl_minutes} min={1} disabled={archived} onChange={(v) => setS({ session_ttl_minutes: v ?? null }, "ttl")} />
      <Text label="Time zone (IANA)" value={st.timezone} disabled={archived} onChange={(v) => setS({ timezone: v }, "timezone")} />
      <Check label="Exit when the contact unsubscribes" value={st.exit_on_unsubscribe} disabled={archived} onChange={(v) => setS({ exit_on_unsubscribe: v }, "exit_on_unsubscribe")} />
      <Check label="Allow triggers with a public (browser) key" value={st.allow_public_trigger} disabled={archived} onChange={(v) => setS({ allow_public_trigger: v }, "allow_public_trigger")} />
      <Check label="Quiet hours" value={qh !== null} disabled={archived} onChange={(v) => setS({ quiet_hours: v ? { start: "21:00", end: "08:00" } : null }, "quiet_hours")} />
      {qh ? (
        <div className="row">
          <Text label="Quiet from (HH:MM)" value={qh.start} disabled={archived} onChange={(v) => setS({ quiet_hours: { ...qh, start: v ?? "" } }, "qh.start")} />
          <Text label="Until (HH:MM)" value={qh.end} disabled={archived} onChange={(v) => setS({ quiet_hours: { ...qh, end: v ?? "" } }, "qh.end")} />
        </div>
      ) : null}
      <div className="field">
        <span className="field-label">Disqualification rules (a matching member leaves the flow)</span>
        {doc.disqualification_rules ? (
          <RuleEditor value={doc.disqualification_rules} resources={resources} steps={doc.steps} inFlow disabled={archived}
            onChange={(v) => onChange({ ...doc, disqualification_rules: v }, "disq")} />
        ) : (
          <button type="button" disabled={archived} onClick={() => onChange({ ...doc, disqualification_rules: { any: [{ source: "contact", field: "email_subscription_status", operator: "eq", value: "unsubscribed" }] } }, "disq")}>+ Disqualification rules</button>
        )}
        {doc.disqualification_rules ? <button type="button" className="danger" disabled={archived} onClick={() => onChange({ ...doc, disqualification_rules: null }, "disq")}>Remove all rules</button> : null}
      </div>
    </form>
  );
}
