import { RunnelConnectionError, RunnelError, RunnelTimeoutError } from "./errors.js";
import { camelKeys, snakeKeys, toSnake } from "./case.js";

export const DEFAULT_BASE_URL = "http://127.0.0.1:5080";
export const VERSION = "0.1.0";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** Default `http://127.0.0.1:5080`. */
  baseUrl?: string;
  /** Per attempt, default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt, default 2. */
  maxRetries?: number;
  /** A custom fetch implementation (default `globalThis.fetch`). */
  fetch?: FetchLike;
}

/** Per-call options, the last argument of every method. */
export interface RequestOptions {
  /** Sent as `Idempotency-Key` on a POST (one is generated otherwise); reused on every retry of the call. */
  idempotencyKey?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Aborts the call (no retry follows). */
  signal?: AbortSignal;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

export type Query = Record<string, unknown>;

export interface RequestSpec {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Query;
  /** Mapped to snake_case (user-owned objects untouched). */
  body?: unknown;
  options?: RequestOptions | undefined;
  /** Answer the parsed JSON as sent (snake_case), for callers that map it themselves. */
  raw?: boolean;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => { signal?.removeEventListener("abort", onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(signal!.reason); };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** A random key, from getRandomValues (which, unlike randomUUID, also exists outside secure contexts). */
export function newIdempotencyKey(): string {
  const b = new Uint8Array(16);
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.getRandomValues) c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  let s = "";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return "sdk_" + s;
}

/** Seconds or an HTTP date → milliseconds to wait, or undefined. */
function retryAfterMs(h: string | null): number | undefined {
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const d = Date.parse(h);
  return Number.isNaN(d) ? undefined : Math.max(0, d - Date.now());
}

export function queryString(q: Query | undefined): string {
  if (!q) return "";
  const p = new URLSearchParams();
  for (const k of Object.keys(q)) {
    const v = q[k];
    if (v === undefined || v === null) continue;
    const name = toSnake(k);
    for (const x of Array.isArray(v) ? v : [v]) p.append(name, x instanceof Date ? x.toISOString() : String(x));
  }
  const s = p.toString();
  return s ? "?" + s : "";
}

/** The transport: auth, JSON, case mapping, retries with backoff and jitter, idempotency keys, time-outs. */
export class HttpClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly key: string, o: ClientOptions) {
    this.baseUrl = (o.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    this.timeoutMs = o.timeoutMs ?? 30000;
    this.maxRetries = o.maxRetries ?? 2;
    const f = o.fetch ?? (globalThis.fetch as FetchLike | undefined);
    if (!f) throw new Error("Runnel: no fetch implementation; pass options.fetch");
    this.fetchImpl = o.fetch ? f : (input, init) => globalThis.fetch(input, init);
  }

  async request<T>(spec: RequestSpec): Promise<T> {
    const o = spec.options ?? {};
    const maxRetries = o.maxRetries ?? this.maxRetries;
    const timeoutMs = o.timeoutMs ?? this.timeoutMs;
    const headers: Record<string, string> = {
      Accept: "application/json",
      Authorization: "Bearer " + this.key,
      ...o.headers,
    };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(snakeKeys(spec.body));
      headers["Content-Type"] = "application/json";
    }
    if (spec.method === "POST") {
      // One key for the call and all its retries: the caller's (option or header), else a new one.
      const given = Object.keys(headers).find((h) => h.toLowerCase() === "idempotency-key");
      const k = o.idempotencyKey ?? (given ? headers[given] : undefined) ?? newIdempotencyKey();
      if (given) delete headers[given];
      headers["Idempotency-Key"] = k;
    }
    const url = this.baseUrl + spec.path + queryString(spec.query);

    for (let attempt = 0; ; attempt++) {
      let res: Response;
      let text: string;
      const ctrl = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => { timedOut = true; ctrl.abort(); }, timeoutMs);
      const onAbort = () => ctrl.abort();
      o.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        if (o.signal?.aborted) throw o.signal.reason;
        res = await this.fetchImpl(url, { method: spec.method, headers, body, signal: ctrl.signal });
        text = await res.text();
      } catch (cause) {
        if (o.signal?.aborted) throw o.signal.reason ?? cause;
        const err = timedOut
          ? new RunnelTimeoutError(`Runnel: no answer to ${spec.method} ${spec.path} within ${timeoutMs} ms`, { cause })
          : new RunnelConnectionError(
            `Runnel: could not reach ${this.baseUrl} (${spec.method} ${spec.path}): ${String((cause as Error)?.message ?? cause)}`
              + ("document" in globalThis ? " — in a browser this is also how a CORS refusal looks" : ""),
            { cause });
        if (attempt >= maxRetries) throw err;
        await sleep(this.backoff(attempt), o.signal);
        continue;
      } finally {
        clearTimeout(timer);
        o.signal?.removeEventListener("abort", onAbort);
      }

      let parsed: unknown = undefined;
      if (text) {
        try { parsed = JSON.parse(text); } catch { parsed = undefined; }
      }
      if (res.ok) {
        if (parsed === undefined && text) {
          throw new RunnelError(`Runnel: ${spec.method} ${spec.path} answered ${res.status} with a body that is not JSON`,
            { status: res.status, headers: res.headers });
        }
        return (spec.raw ? parsed : camelKeys(parsed)) as T;
      }

      const problem = (parsed && typeof parsed === "object" ? camelKeys(parsed) : { detail: text }) as Record<string, unknown>;
      const code = problem.errorCode;
      const retryable = res.status === 429 || res.status >= 500 || (res.status === 409 && code === "idempotency_key_in_use");
      if (retryable && attempt < maxRetries) {
        const after = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get("Retry-After")) : undefined;
        // A server that asks for more than a minute is not waited for: the caller decides.
        if (after === undefined || after <= 60000) {
          await sleep(after ?? this.backoff(attempt), o.signal);
          continue;
        }
      }
      const what = [problem.title, problem.detail].filter((x) => typeof x === "string" && x).join(": ");
      throw new RunnelError(`Runnel: ${res.status}${code ? " " + code : ""}${what ? " — " + what : ""}`,
        { status: res.status, problem, headers: res.headers });
    }
  }

  /** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … (at most 8 s), each between half and all of that. */
  private backoff(attempt: number): number {
    const base = Math.min(8000, 500 * 2 ** attempt);
    return base / 2 + Math.random() * (base / 2);
  }
}

export function enc(segment: string): string {
  if (typeof segment !== "string" || segment === "") throw new TypeError("Runnel: an id is required");
  return encodeURIComponent(segment);
}
