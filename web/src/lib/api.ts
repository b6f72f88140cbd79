// A small client for the Runnel API (API.md). The key lives in sessionStorage only: never in a URL or localStorage.

import type { Problem } from "./types";

const KEY = "runnel.api_key";

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}
export function storeKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

/** An RFC 9457 problem answer, with the members the builder reads. */
export class ApiError extends Error {
  status: number;
  code: string;
  title: string;
  detail: string | null;
  errors: Problem[];
  missing: Problem[];
  body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    const title = typeof body.title === "string" ? body.title : `HTTP ${status}`;
    const detail = typeof body.detail === "string" ? body.detail : null;
    super(detail && detail !== title ? `${title}: ${detail}` : title);
    this.status = status;
    this.body = body;
    this.code = typeof body.error_code === "string" ? body.error_code : "http_" + status;
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? (body.errors as Problem[]) : [];
    this.missing = Array.isArray(body.missing) ? (body.missing as Problem[]) : [];
  }
}

/** What to tell a person about an error, in words. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    const parts = [e.message];
    for (const p of [...e.errors, ...e.missing].slice(0, 5)) parts.push(`${p.path}: ${p.message}`);
    if (e.code === "unauthorized") return "The API key is unknown or revoked. Sign in again.";
    if (e.code === "forbidden_scope") return `This API key may not do that. ${e.detail ?? ""}`.trim();
    return parts.join(" — ");
  }
  if (e instanceof TypeError) return "The server could not be reached. Is it running?";
  return e instanceof Error ? e.message : String(e);
}

export async function api<T = unknown>(method: string, path: string, body?: unknown, key = storedKey()): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { title: text.slice(0, 200) };
    }
  }
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new CustomEvent("runnel:unauthorized"));
    throw new ApiError(response.status, (parsed as Record<string, unknown>) ?? {});
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>("PATCH", path, body);
export const del = <T>(path: string) => api<T>("DELETE", path);

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? "?" + s : "";
}
