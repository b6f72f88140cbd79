import { ClientOptions, enc, HttpClient, RequestOptions } from "./core.js";
import type { TrackEventParams, TriggerParams, TriggerResult } from "./types.js";

export * from "./errors.js";
export type { ClientOptions, RequestOptions, FetchLike } from "./core.js";
export type { TrackEventParams, TriggerParams, TriggerResult, TriggerRecipient, JsonObject } from "./types.js";

export interface RunnelBrowserOptions extends ClientOptions {
  /** A public key, `rk_public_…`, whose `allowed_origins` lists this page's origin. */
  publicKey: string;
}

/** The browser client, for a public key: only `flows.trigger` and `events.track`. */
export class RunnelBrowser {
  readonly flows: { trigger(body: TriggerParams, options?: RequestOptions): Promise<TriggerResult> };
  readonly events: { track(body: TrackEventParams, options?: RequestOptions): Promise<{ eventId: string }> };

  private constructor(http: HttpClient) {
    this.flows = {
      trigger: ({ flowId, ...rest }, options) =>
        http.request({ method: "POST", path: `/v1/flows/${enc(flowId)}/trigger`, body: rest, options }),
    };
    this.events = {
      track: (body, options) => http.request({ method: "POST", path: "/v1/events", body, options }),
    };
  }

  /** Synchronous. Throws at once on a missing key or a secret key: a secret key must never ship to a browser. */
  static init(options: RunnelBrowserOptions): RunnelBrowser {
    const key = options?.publicKey;
    if (typeof key !== "string" || !key) throw new Error("RunnelBrowser: options.publicKey is required (rk_public_…)");
    if (key.startsWith("rk_secret_")) {
      throw new Error("RunnelBrowser: refusing a secret key (rk_secret_…). Secret keys must never ship to a browser; "
        + "create a public key (kind: \"public\") with allowed_origins instead.");
    }
    return new RunnelBrowser(new HttpClient(key, options));
  }
}

export default RunnelBrowser;
