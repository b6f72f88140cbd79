// Labelled form controls shared by the panels. Every control has a visible label tied to it by id.
import { useId, useRef, type ReactNode } from "react";

export interface Resources {
  emails: { id: string; name: string; status: string }[];
  lists: { id: string; name: string; type: string }[];
  forms: { id: string; name: string }[];
  customFields: { api_name: string; label: string; type: string; status?: string }[];
  secrets: { name: string }[];
}

export const emptyResources: Resources = { emails: [], lists: [], forms: [], customFields: [], secrets: [] };

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <small className="muted">{hint}</small> : null}
    </div>
  );
}

export function Text({ label, value, onChange, placeholder, disabled, hint }: {
  label: string; value: unknown; onChange: (v: string | undefined) => void; placeholder?: string; disabled?: boolean; hint?: string;
}) {
  return (
    <Field label={label} hint={hint}>
      {(id) => <input id={id} value={typeof value === "string" ? value : value == null ? "" : String(value)} placeholder={placeholder}
        disabled={disabled} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />}
    </Field>
  );
}

export function Num({ label, value, onChange, disabled, min, hint }: {
  label: string; value: unknown; onChange: (v: number | undefined) => void; disabled?: boolean; min?: number; hint?: string;
}) {
  return (
    <Field label={label} hint={hint}>
      {(id) => <input id={id} type="number" min={min} value={typeof value === "number" ? value : ""} disabled={disabled}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} />}
    </Field>
  );
}

export function Select({ label, value, options, onChange, disabled, empty }: {
  label: string; value: unknown; options: { value: string; label: string }[]; onChange: (v: string | undefined) => void;
  disabled?: boolean; empty?: string;
}) {
  const v = typeof value === "string" ? value : "";
  const known = options.some((o) => o.value === v);
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={v} disabled={disabled} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}>
          {empty !== undefined || !v ? <option value="">{empty ?? "— choose —"}</option> : null}
          {!known && v ? <option value={v}>{v} (not found)</option> : null}
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

export function Check({ label, value, onChange, disabled }: { label: string; value: unknown; onChange: (v: boolean) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field check">
      <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A Liquid template field with the merge tokens of API.md §10 one click away. */
export function Liquid({ label, value, onChange, tokens, disabled, multiline, maxLength }: {
  label: string; value: unknown; onChange: (v: string | undefined) => void; tokens: string[]; disabled?: boolean;
  multiline?: boolean; maxLength?: number;
}) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const text = typeof value === "string" ? value : "";
  const insert = (token: string) => {
    const el = ref.current;
    const tag = `{{ ${token}${token.endsWith(".") ? "name" : ""} }}`;
    const at = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? at;
    onChange(text.slice(0, at) + tag + text.slice(end));
  };
  return (
    <div className="field liquid">
      <label htmlFor={id}>{label}</label>
      {multiline
        ? <textarea id={id} ref={ref} rows={4} value={text} disabled={disabled} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />
        : <input id={id} ref={ref} value={text} disabled={disabled} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />}
      <div className="tokens">
        <label className="sr-only" htmlFor={id + "-tok"}>Insert a merge token into {label}</label>
        <select id={id + "-tok"} value="" disabled={disabled} onChange={(e) => { if (e.target.value) insert(e.target.value); }}>
          <option value="">Insert merge token…</option>
          {tokens.map((t) => <option key={t} value={t}>{`{{ ${t}${t.endsWith(".") ? "…" : ""} }}`}</option>)}
        </select>
        {maxLength ? <small className="muted">{text.length}/{maxLength}</small> : null}
      </div>
    </div>
  );
}

/** A JSON value field (context, custom fields): keeps the text while it does not parse. */
export function JsonField({ label, value, onChange, disabled }: { label: string; value: unknown; onChange: (v: unknown) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} disabled={disabled} defaultValue={value === undefined ? "" : JSON.stringify(value, null, 1)}
        onBlur={(e) => {
          const t = e.target.value.trim();
          if (!t) return onChange(undefined);
          try { onChange(JSON.parse(t)); e.target.setCustomValidity(""); } catch { e.target.setCustomValidity("Not valid JSON"); e.target.reportValidity(); }
        }} />
    </div>
  );
}
