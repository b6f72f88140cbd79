// Shared by the tests: the servers run.mjs started, a fresh workspace per test file, small real HTTP helpers.
import http from "node:http";
import { Runnel } from "../dist/esm/index.js";

export const url = need("RUNNEL_TEST_URL");
export const limitedUrl = need("RUNNEL_TEST_LIMITED_URL");
export const adminKey = need("RUNNEL_TEST_ADMIN_KEY");
export const webhookPort = Number(need("RUNNEL_TEST_WEBHOOK_PORT"));
export const outDir = need("RUNNEL_SDK_JS_OUT");

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through test/run.mjs (npm test)`);
  return v;
}

export const admin = new Runnel({ apiKey: adminKey, baseUrl: url });

/** A new workspace on the server at `baseUrl`, and a client holding its first secret key. */
export async function newWorkspace(name = "sdk-js", baseUrl = url, clientOptions = {}) {
  const a = baseUrl === url ? admin : new Runnel({ apiKey: adminKey, baseUrl, maxRetries: 5 });
  const ws = await a.workspaces.create({ name: `${name} ${Math.random().toString(36).slice(2, 8)}` });
  return { workspace: ws, key: ws.apiKey, runnel: new Runnel({ apiKey: ws.apiKey, baseUrl, ...clientOptions }) };
}

/** An active flow with an api trigger whose members wait a day at their first step. */
export async function activeApiFlow(runnel, extra = {}) {
  const flow = await runnel.flows.create({
    name: "API flow " + Math.random().toString(36).slice(2, 8),
    triggers: [{ type: "api" }],
    steps: [{ stepId: "pause", type: "wait", durationAmount: 1, durationUnit: "days" }],
    ...extra,
  });
  return runnel.flows.activate(flow.id);
}

/** Moves the shared dev clock (admin key) and answers the server's new now. */
export async function advance(seconds = 0) {
  const { now } = await admin.dev.advanceClock(seconds);
  return new Date(now);
}

/** Starts an HTTP server on loopback; `handler(req, res, body)`. */
export function listen(handler, port = 0, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => handler(req, res, Buffer.concat(chunks)));
    });
    server.listen(port, host, () => resolve({
      server, port: server.address().port, url: `http://${host}:${server.address().port}`,
      close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
    }));
  });
}

/**
 * A loopback HTTP proxy in front of `target`. `plan(n, req)` says what to do with the n-th request (from 0):
 * "forward", "drop" (forward it, let the server answer, then cut the client's connection without the answer),
 * "hang" (never answer) or a status code to answer without forwarding. Records every request it saw.
 */
export async function proxy(target, plan) {
  const seen = [];
  const p = await listen((req, res, body) => {
    const n = seen.length;
    const action = plan(n, req);
    const entry = { method: req.method, path: req.url, headers: req.headers, body: body.toString(), action };
    seen.push(entry);
    if (action === "hang") return;
    if (typeof action === "number") {
      res.writeHead(action, { "Content-Type": "application/problem+json" });
      res.end(JSON.stringify({ title: "Bad gateway", status: action, error_code: "proxy_error" }));
      return;
    }
    const t = new URL(target);
    const up = http.request({ host: t.hostname, port: t.port, method: req.method, path: req.url,
      headers: { ...req.headers, host: t.host } }, (upRes) => {
      const chunks = [];
      upRes.on("data", (c) => chunks.push(c));
      upRes.on("end", () => {
        entry.status = upRes.statusCode;
        entry.responseHeaders = upRes.headers;
        if (action === "drop") { req.socket.destroy(); return; }
        res.writeHead(upRes.statusCode, upRes.headers);
        res.end(Buffer.concat(chunks));
      });
    });
    up.on("error", () => req.socket.destroy());
    up.end(body);
  });
  return { ...p, seen };
}
