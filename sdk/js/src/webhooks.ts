import { RunnelWebhookVerificationError } from "./errors.js";

export type WebhookHeaders =
  | Headers
  | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** Allowed distance between `webhook-timestamp` and now, in seconds; default 300 (5 minutes). */
  toleranceSeconds?: number;
  /** The instant to check the timestamp against (default the current time). */
  now?: Date | number;
}

const enc = new TextEncoder();

async function subtle(): Promise<SubtleCrypto> {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.subtle) return c.subtle;
  // Node 18 has WebCrypto, but not as a global unless started with --experimental-global-webcrypto.
  const nodeCrypto = (await import("node:crypto" as string)) as { webcrypto: Crypto };
  return nodeCrypto.webcrypto.subtle;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const h = headers as Record<string, string | string[] | undefined>;
  for (const k of Object.keys(h)) {
    if (k.toLowerCase() === name) {
      const v = h[k];
      return Array.isArray(v) ? v.join(" ") : v;
    }
  }
  return undefined;
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

function bytesOf(body: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof body === "string") return enc.encode(body);
  return body instanceof Uint8Array ? body : new Uint8Array(body);
}

/** Compares without an early exit, so the time taken does not tell how much of a signature matched. */
function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const fail = (m: string) => new RunnelWebhookVerificationError("Runnel webhook verification failed: " + m);

/**
 * Checks a webhook Runnel sent (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`) and
 * returns its parsed JSON payload as sent (snake_case, like the wire: custom fields sit at its top level under the
 * names you gave them). `rawBody` must be the body exactly as received, before any JSON parsing.
 * Throws `RunnelWebhookVerificationError` on a missing header, a bad signature or a stale timestamp.
 */
export async function verifyWebhook<T = Record<string, unknown>>(
  rawBody: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyOptions = {},
): Promise<T> {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) throw fail("missing webhook-id, webhook-timestamp or webhook-signature header");
  if (typeof secret !== "string" || !secret) throw fail("no signing secret given");

  const ts = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(ts)) throw fail("webhook-timestamp is not a Unix time");
  const now = options.now === undefined ? Date.now() : +options.now;
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(now / 1000 - ts) > tolerance) throw fail(`timestamp is more than ${tolerance} s away from now`);

  let key: Uint8Array;
  try {
    key = fromBase64(secret.startsWith("whsec_") ? secret.slice(6) : secret);
  } catch {
    throw fail("the signing secret is not whsec_<base64>");
  }
  const body = bytesOf(rawBody);
  const prefix = enc.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);

  const s = await subtle();
  const k = await s.importKey("raw", key as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const expected = toBase64(new Uint8Array(await s.sign("HMAC", k, signed as BufferSource)));

  let ok = false;
  for (const part of signatures.split(" ")) {
    const comma = part.indexOf(",");
    if (comma < 0 || part.slice(0, comma) !== "v1") continue;
    if (equal(part.slice(comma + 1), expected)) ok = true;
  }
  if (!ok) throw fail("no signature matches");

  try {
    return JSON.parse(new TextDecoder().decode(body)) as T;
  } catch {
    throw fail("the body is not JSON");
  }
}
