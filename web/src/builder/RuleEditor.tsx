// Rule trees of API.md §6: all/any/not groups and every leaf source, including email_step (flows only).
import type { RuleLeaf, RuleNode, Step } from "../lib/types";
import { Num, Select, Text, type Resources } from "./fields";

const FIELD_OPS = ["eq", "neq", "gt", "gte", "lt", "lte", "contains", "not_contains", "starts_with", "ends_with", "in", "not_in",
  "is_set", "is_not_set", "before", "after", "within_last_days", "more_than_days_ago"];
const EMAIL_OPS = ["sent", "delivered", "opened", "clicked", "bounced", "not_opened", "not_clicked"];
const NO_VALUE = new Set(["is_set", "is_not_set"]);
const STANDARD_FIELDS = ["email", "phone", "external_id", "first_name", "last_name", "timezone", "email_subscription_status",
  "sms_subscription_status", "created_at", "updated_at", "opted_in_at"];

const opts = (xs: string[]) => xs.map((x) => ({ value: x, label: x.replace(/_/g, " ") }));

function parseValue(op: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  if (op === "in" || op === "not_in") return text.split(",").map((s) => s.trim()).filter(Boolean);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  return text;
}

function showValue(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v.join(", ") : String(v);
}

export function newLeaf(source: RuleLeaf["source"], steps: Step[]): RuleLeaf {
  switch (source) {
    case "list": return { source, list_id: "", operator: "in" };
    case "event": return { source, name: "", operator: "performed", within_days: 30 };
    case "email_step": return { source, step_id: steps.find((s) => s.type === "send_email")?.step_id ?? "", operator: "opened" };
    case "context": return { source, field: "", operator: "eq", value: "" };
    default: return { source: "contact", field: "email", operator: "is_set" };
  }
}

interface Props {
  value: RuleNode;
  onChange: (v: RuleNode | null) => void;
  resources: Resources;
  steps: Step[];
  inFlow: boolean;
  disabled?: boolean;
  depth?: number;
}

export function RuleEditor(props: Props) {
  const { value, onChange, disabled, depth = 0 } = props;
  if ("all" in value || "any" in value) {
    const kind = "all" in value ? "all" : "any";
    const children = ("all" in value ? value.all : value.any) ?? [];
    const set = (xs: RuleNode[]) => onChange(kind === "all" ? { all: xs } : { any: xs });
    return (
      <fieldset className="rule-group" disabled={disabled}>
        <legend>
          <label className="sr-only" htmlFor={`grp-${depth}`}>Group type</label>
          <select aria-label="Group type" value={kind} onChange={(e) => onChange(e.target.value === "all" ? { all: children } : { any: children })}>
            <option value="all">All of these</option>
            <option value="any">Any of these</option>
          </select>
        </legend>
        {children.map((c, i) => (
          <div key={i} className="rule-row">
            <RuleEditor {...props} depth={depth + 1} value={c}
              onChange={(v) => set(v === null ? children.filter((_, j) => j !== i) : children.map((x, j) => (j === i ? v : x)))} />
          </div>
        ))}
        <div className="rule-actions">
          <button type="button" onClick={() => set([...children, newLeaf("contact", props.steps)])}>+ Rule</button>
          {depth < 9 ? <button type="button" onClick={() => set([...children, { all: [newLeaf("contact", props.steps)] }])}>+ Group</button> : null}
          {depth < 9 ? <button type="button" onClick={() => onChange({ not: value })}>Negate</button> : null}
          {depth > 0 ? <button type="button" className="danger" onClick={() => onChange(null)}>Remove group</button> : null}
        </div>
      </fieldset>
    );
  }
  if ("not" in value) {
    return (
      <fieldset className="rule-group not" disabled={disabled}>
        <legend>Not</legend>
        <RuleEditor {...props} depth={depth + 1} value={value.not} onChange={(v) => onChange(v === null ? null : { not: v })} />
        <div className="rule-actions">
          <button type="button" onClick={() => onChange(value.not)}>Remove “not”</button>
        </div>
      </fieldset>
    );
  }
  return <LeafEditor {...props} value={value as RuleLeaf} />;
}

function LeafEditor({ value: leaf, onChange, resources, steps, inFlow, disabled, depth = 0 }: Props & { value: RuleLeaf }) {
  const set = (patch: Partial<RuleLeaf>) => {
    const next = { ...leaf, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange(next as unknown as RuleLeaf);
  };
  const sources = [
    { value: "contact", label: "Contact field" }, { value: "list", label: "List membership" }, { value: "event", label: "Event" },
    ...(inFlow ? [{ value: "context", label: "Trigger context" }, { value: "email_step", label: "Email step" }] : []),
  ];
  const fieldNames = [...STANDARD_FIELDS, ...resources.customFields.filter((f) => f.status !== "archived").map((f) => f.api_name)];
  return (
    <div className="rule-leaf">
      <Select label="Source" value={leaf.source} options={sources} disabled={disabled}
        onChange={(v) => v && onChange(newLeaf(v as RuleLeaf["source"], steps))} />
      {leaf.source === "contact" || leaf.source === "context" ? (
        <>
          {leaf.source === "contact"
            ? <Select label="Field" value={leaf.field} options={opts(fieldNames)} onChange={(v) => set({ field: v })} disabled={disabled} />
            : <Text label="Context field" value={leaf.field} onChange={(v) => set({ field: v })} placeholder="cart_total" disabled={disabled} />}
          <Select label="Operator" value={leaf.operator} options={opts(FIELD_OPS)} disabled={disabled}
            onChange={(v) => set({ operator: v ?? "eq", value: NO_VALUE.has(v ?? "") ? undefined : leaf.value ?? "" })} />
          {!NO_VALUE.has(leaf.operator) ? (
            <Text label={leaf.operator === "in" || leaf.operator === "not_in" ? "Values (comma-separated)" : "Value"}
              value={showValue(leaf.value)} onChange={(v) => set({ value: parseValue(leaf.operator, v) ?? "" })} disabled={disabled} />
          ) : null}
        </>
      ) : null}
      {leaf.source === "list" ? (
        <>
          <Select label="List" value={leaf.list_id} options={resources.lists.map((l) => ({ value: l.id, label: `${l.name} (${l.type})` }))}
            onChange={(v) => set({ list_id: v })} disabled={disabled} />
          <Select label="Operator" value={leaf.operator} options={[{ value: "in", label: "is in" }, { value: "not_in", label: "is not in" }]}
            onChange={(v) => set({ operator: v ?? "in" })} disabled={disabled} />
        </>
      ) : null}
      {leaf.source === "event" ? (
        <>
          <Text label="Event name" value={leaf.name} onChange={(v) => set({ name: v })} placeholder="order_placed" disabled={disabled} />
          <Select label="Operator" value={leaf.operator} options={[{ value: "performed", label: "performed" }, { value: "not_performed", label: "not performed" }]}
            onChange={(v) => set({ operator: v ?? "performed" })} disabled={disabled} />
          <Num label="Within days" value={leaf.within_days} min={1} onChange={(v) => set({ within_days: v })} disabled={disabled} />
          <Num label="At least (times)" value={leaf.min_count} min={1} onChange={(v) => set({ min_count: v })} disabled={disabled} />
          {(leaf.where ?? []).map((w, i) => (
            <div key={i} className="rule-where">
              <Text label="Property" value={w.property} disabled={disabled}
                onChange={(v) => set({ where: leaf.where!.map((x, j) => (j === i ? { ...x, property: v ?? "" } : x)) })} />
              <Select label="Operator" value={w.operator} options={opts(FIELD_OPS)} disabled={disabled}
                onChange={(v) => set({ where: leaf.where!.map((x, j) => (j === i ? { ...x, operator: v ?? "eq" } : x)) })} />
              <Text label="Value" value={showValue(w.value)} disabled={disabled}
                onChange={(v) => set({ where: leaf.where!.map((x, j) => (j === i ? { ...x, value: parseValue(w.operator, v) } : x)) })} />
              <button type="button" className="danger" onClick={() => set({ where: leaf.where!.filter((_, j) => j !== i) })}>Remove filter</button>
            </div>
          ))}
          <button type="button" disabled={disabled} onClick={() => set({ where: [...(leaf.where ?? []), { property: "", operator: "eq", value: "" }] })}>+ Property filter</button>
        </>
      ) : null}
      {leaf.source === "email_step" ? (
        <>
          <Select label="Email step" value={leaf.step_id}
            options={steps.filter((s) => s.type === "send_email").map((s) => ({ value: s.step_id, label: s.label ? `${s.label} (${s.step_id})` : s.step_id }))}
            onChange={(v) => set({ step_id: v })} disabled={disabled} />
          <Select label="Operator" value={leaf.operator} options={opts(EMAIL_OPS)} onChange={(v) => set({ operator: v ?? "opened" })} disabled={disabled} />
        </>
      ) : null}
      {depth > 0 ? <button type="button" className="danger" disabled={disabled} onClick={() => onChange(null)}>Remove rule</button> : (
        <button type="button" disabled={disabled} onClick={() => onChange({ all: [leaf] })}>Make a group</button>
      )}
    </div>
  );
}
