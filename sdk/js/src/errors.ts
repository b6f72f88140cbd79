/** One problem of a `validation_failed` or an activation check: where, and what is wrong. */
export interface RunnelProblemItem {
  path: string;
  message: string;
}

/**
 * The base of every error the SDK throws. Thrown as itself for a non-2xx answer from Runnel, carrying the
 * members of the RFC 9457 problem document; subclasses cover failures without an answer.
 */
export class RunnelError extends Error {
  // Names are spelled out: minifiers rename classes, and `err.name` must survive a browser bundle.
  override name = "RunnelError";
  /** The HTTP status, or `undefined` when no answer arrived (connection errors, time-outs, webhook checks). */
  readonly status: number | undefined;
  /** The problem document's `error_code`, e.g. `flow_not_found`, `validation_failed`, `rate_limited`. */
  readonly errorCode: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  /** `errors` of a `validation_failed` answer: `[{ path, message }]`. */
  readonly errors: RunnelProblemItem[] | undefined;
  /** `missing` of an activation or approval check (`flow_not_ready`, `email_not_ready`). */
  readonly missing: RunnelProblemItem[] | undefined;
  /** The problem document's `type` URI. */
  readonly type: string | undefined;
  /** The answer's headers, when there was an answer. */
  readonly headers: Headers | undefined;
  /** The whole problem document, camelCased. */
  readonly raw: Record<string, unknown> | undefined;

  constructor(message: string, init: {
    status?: number; problem?: Record<string, unknown>; headers?: Headers; cause?: unknown;
  } = {}) {
    super(message);
    const p = init.problem ?? {};
    this.status = init.status;
    this.errorCode = str(p.errorCode);
    this.title = str(p.title);
    this.detail = str(p.detail);
    this.type = str(p.type);
    this.errors = Array.isArray(p.errors) ? (p.errors as RunnelProblemItem[]) : undefined;
    this.missing = Array.isArray(p.missing) ? (p.missing as RunnelProblemItem[]) : undefined;
    this.headers = init.headers;
    this.raw = init.problem;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }
}

/** The request never got an answer: refused, reset, DNS failure, or a browser's CORS refusal. */
export class RunnelConnectionError extends RunnelError {
  override name = "RunnelConnectionError";
}

/** No answer within `timeoutMs`. */
export class RunnelTimeoutError extends RunnelConnectionError {
  override name = "RunnelTimeoutError";
}

/** `webhooks.verify` refused a webhook: missing headers, bad signature or a timestamp out of tolerance. */
export class RunnelWebhookVerificationError extends RunnelError {
  override name = "RunnelWebhookVerificationError";
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
