// The browser client in real Chromium (playwright-core, Debian's /usr/bin/chromium): a page on an allowed origin
// triggers a flow and tracks an event with a public key; a page on an unlisted origin is refused with a typed error.
// Also checks the bundle budget: dist/runnel-browser.min.js at most 4 KB minified + gzipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { activeApiFlow, listen, newWorkspace, outDir, url } from "./helpers.mjs";

const bundlePath = new URL("../dist/runnel-browser.min.js", import.meta.url);

test("browser bundle: at most 4 KB minified + gzipped", () => {
  const bytes = readFileSync(bundlePath);
  const gz = gzipSync(bytes, { level: 9 }).length;
  writeFileSync(join(outDir, "bundle-size.txt"), `${bytes.length} bytes minified, ${gz} bytes minified+gzipped\n`);
  console.log(`runnel-browser.min.js: ${bytes.length} B minified, ${gz} B min+gz`);
  assert.ok(gz <= 4096, `${gz} bytes gzipped`);
});

const page = `<!doctype html><meta charset="utf-8"><title>Runnel browser SDK</title>
<style>body{font:16px system-ui,sans-serif;margin:2rem}pre{background:#f4f4f5;padding:1rem;border-radius:6px;white-space:pre-wrap}
.ok{color:#166534}.err{color:#b91c1c}</style>
<h1>Runnel browser SDK</h1><p>Origin: <code id="origin"></code></p><h2 id="state">running…</h2><pre id="result"></pre>
<script type="module">
import { RunnelBrowser, RunnelError, RunnelConnectionError } from "/runnel-browser.min.js";
const q = new URLSearchParams(location.search);
document.getElementById("origin").textContent = location.origin;
const show = (ok, data) => {
  const h = document.getElementById("state");
  h.textContent = ok ? "✔ flow triggered" : "✘ refused"; h.className = ok ? "ok" : "err";
  document.getElementById("result").textContent = JSON.stringify(data, null, 2);
  window.__result = { ok, data };
};
try {
  let secretRefused = null;
  try { RunnelBrowser.init({ publicKey: "rk_secret_abc", baseUrl: q.get("api") }); }
  catch (e) { secretRefused = e.message; }
  const runnel = RunnelBrowser.init({ publicKey: q.get("key"), baseUrl: q.get("api"), maxRetries: 0 });
  const run = await runnel.flows.trigger({ flowId: q.get("flow"), email: "browser@example.com", context: { fromPage: location.pathname, utm_source: "ads" } });
  const event = await runnel.events.track({ name: "viewed_pricing", email: "browser@example.com", properties: { planName: "pro" } });
  show(true, { run, event, secretRefused });
} catch (e) {
  show(false, { name: e.name, isRunnelError: e instanceof RunnelError, isConnectionError: e instanceof RunnelConnectionError,
    status: e.status, errorCode: e.errorCode, detail: e.detail, message: e.message });
}
</script>`;

test("Chromium: allowed origin triggers a flow; an unlisted origin gets RunnelError origin_not_allowed", { timeout: 120_000 }, async (t) => {
  if (!existsSync("/usr/bin/chromium")) throw new Error("/usr/bin/chromium is missing (scripts/test-sdk-js.sh installs it)");
  const { runnel } = await newWorkspace("browser");
  const bundle = readFileSync(bundlePath);
  const serve = (req, res) => {
    if (req.url.startsWith("/runnel-browser.min.js")) res.writeHead(200, { "Content-Type": "text/javascript" }).end(bundle);
    else if (req.url.startsWith("/index.html")) res.writeHead(200, { "Content-Type": "text/html" }).end(page);
    else res.writeHead(404).end();
  };
  const allowedSite = await listen(serve);                  // http://127.0.0.1:<A>
  const otherSite = await listen(serve, 0, "localhost");    // http://localhost:<B>, not in allowed_origins
  const profile = mkdtempSync(join(tmpdir(), "runnel-chromium-"));
  let context;
  try {
    // A fresh profile folder (playwright passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: "/usr/bin/chromium", headless: true, viewport: { width: 900, height: 720 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const flow = await activeApiFlow(runnel, { settings: { allowPublicTrigger: true } });
    const key = await runnel.apiKeys.create({ name: "site", kind: "public", scopes: ["FLOW_TRIGGER", "EVENTS_WRITE"],
      allowedOrigins: [allowedSite.url] });
    const qs = new URLSearchParams({ api: url, key: key.key, flow: flow.id }).toString();
    const tab = await context.newPage();
    const run = async (site, shot) => {
      await tab.goto(`${site.url}/index.html?${qs}`);
      await tab.waitForFunction(() => window.__result !== undefined, null, { timeout: 30_000 });
      await tab.screenshot({ path: join(outDir, shot), fullPage: true });
      return tab.evaluate(() => window.__result);
    };

    const ok = await run(allowedSite, "browser-allowed-origin.png");
    assert.equal(ok.ok, true, JSON.stringify(ok.data));
    assert.equal(ok.data.run.status, "started");
    assert.equal(ok.data.run.flowId, flow.id);
    assert.equal(typeof ok.data.event.eventId, "string");
    assert.match(ok.data.secretRefused, /refusing a secret key/);
    const member = await runnel.flows.members.get(flow.id, ok.data.run.id);
    assert.deepEqual(member.context, { fromPage: "/index.html", utm_source: "ads" });

    const refused = await run(otherSite, "browser-unlisted-origin.png");
    assert.equal(refused.ok, false);
    assert.equal(refused.data.name, "RunnelError");
    assert.equal(refused.data.isRunnelError, true);
    assert.equal(refused.data.isConnectionError, false, "a readable 403, not an opaque CORS failure");
    assert.equal(refused.data.status, 403);
    assert.equal(refused.data.errorCode, "origin_not_allowed");
    assert.equal((await runnel.flows.members.list(flow.id)).pagination.total, 1, "the refused page enrolled nobody");
    t.diagnostic(`screenshots in ${outDir}`);
  } finally {
    await context?.close();
    await allowedSite.close(); await otherSite.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
