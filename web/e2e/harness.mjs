// Starts a real Runnel server (own port, own data folder, dev clock) and Debian's Chromium through playwright-core.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = join(here, "..");
const repo = join(webDir, "..");
export const resultsDir = process.env.RUNNEL_WEB_OUT ?? join(webDir, "test-results");
mkdirSync(resultsDir, { recursive: true });

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.once("error", reject);
  s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

export async function startServer(name = "e2e") {
  const dll = process.env.RUNNEL_SERVER_DLL ?? join(repo, "src/Runnel.Server/bin/Release/net10.0/runnel.dll");
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), `runnel-web-${name}-`));
  const adminKey = "rk_secret_web_" + randomBytes(20).toString("hex");
  const log = createWriteStream(join(resultsDir, `server-${name}.log`));
  const child = spawn("dotnet", [dll, "--urls", `http://127.0.0.1:${port}`], {
    env: { ...process.env, RUNNEL_DATA_DIR: data, RUNNEL_ADMIN_KEY: adminKey, RUNNEL_DEV_CLOCK: "1", RUNNEL_RATE_LIMIT: "0",
      RUNNEL_UI_DIR: process.env.RUNNEL_UI_DIR ?? join(webDir, "dist"), ASPNETCORE_ENVIRONMENT: "Production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log); child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${resultsDir}/server-${name}.log`);
    try { if ((await fetch(url + "/readyz")).ok) break; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error("server not ready after 180 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) { rmSync(data, { recursive: true, force: true }); return resolve(); }
    child.once("exit", () => { rmSync(data, { recursive: true, force: true }); resolve(); });
    child.kill("SIGTERM");
  });
  return { url, adminKey, stop, api: client(url, adminKey) };
}

export function client(url, key) {
  return async (method, path, body) => {
    const r = await fetch(url + path, {
      method, headers: { Authorization: `Bearer ${key}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    const json = text ? JSON.parse(text) : null;
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return json;
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.RUNNEL_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
}
