/**
 * Objects whose keys belong to the user (or to the wire unchanged): their keys pass through in both directions.
 * `context`, `dynamicContext`, `fields`, `properties`, `customFields` as SDK.md lists, plus `ui` (the flow builder's
 * own data) and `headers` (an outbox message's mail headers).
 */
const OWNED = new Set([
  "context", "dynamicContext", "dynamic_context", "fields", "properties", "customFields", "custom_fields",
  "ui", "headers",
]);

type KeyMap = (key: string) => string;

export const toSnake: KeyMap = (k) => k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
export const toCamel: KeyMap = (k) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function isPlain(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function mapKeys(value: unknown, f: KeyMap): unknown {
  if (Array.isArray(value)) return value.map((v) => mapKeys(v, f));
  if (!isPlain(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (v === undefined) continue;
    out[f(k)] = OWNED.has(k) ? v : mapKeys(v, f);
  }
  return out;
}

/** camelCase request → snake_case wire, leaving user-owned objects untouched. */
export const snakeKeys = <T = unknown>(v: unknown): T => mapKeys(v, toSnake) as T;
/** snake_case wire → camelCase answer, leaving user-owned objects untouched. */
export const camelKeys = <T = unknown>(v: unknown): T => mapKeys(v, toCamel) as T;
