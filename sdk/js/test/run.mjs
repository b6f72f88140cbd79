// Starts two real Runnel servers (one with the dev clock and no rate limit, one limited to 1 request/s per key),
// runs every test/*.test.mjs with node --test against them, and prints "N passed, N failed".
// RUNNEL_SERVER_DLL overrides the server build (default: the repo's Release build).
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const repo = join(pkg, "..", "..");
const dll = process.env.RUNNEL_SERVER_DLL ?? join(repo, "src/Runnel.Server/bin/Release/net10.0/runnel.dll");
const out = process.env.RUNNEL_SDK_JS_OUT ?? join(pkg, "test-output");
mkdirSync(out, { recursive: true });

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.once("error", reject);
  s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

const adminKey = "rk_secret_sdkjs_" + randomBytes(24).toString("hex");
const webhookPort = await freePort();
const servers = [];

async function startServer(name, env) {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), `runnel-sdkjs-${name}-`));
  const log = createWriteStream(join(out, `server-${name}.log`));
  const child = spawn("dotnet", [dll, "--urls", `http://127.0.0.1:${port}`], {
    env: {
      ...process.env, RUNNEL_DATA_DIR: data, RUNNEL_ADMIN_KEY: adminKey, RUNNEL_DEV_CLOCK: "1",
      ASPNETCORE_ENVIRONMENT: "Production", ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log); child.stderr.pipe(log);
  servers.push({ child, data });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited with ${child.exitCode}; see ${out}/server-${name}.log`);
    try {
      const r = await fetch(url + "/readyz");
      if (r.ok) return url;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`server ${name} not ready after 180 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopServers() {
  for (const { child, data } of servers) {
    if (child.exitCode === null) child.kill("SIGTERM");
    child.once("exit", () => rmSync(data, { recursive: true, force: true }));
  }
}

let passed = 0, failed = 0;
try {
  const [url, limitedUrl] = await Promise.all([
    startServer("main", { RUNNEL_RATE_LIMIT: "0", RUNNEL_WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${webhookPort}` }),
    startServer("limited", { RUNNEL_RATE_LIMIT: "1" }),
  ]);
  // `node test/run.mjs webhooks browser` runs only the files whose names contain one of the words.
  const only = process.argv.slice(2);
  const files = readdirSync(here).filter((f) => f.endsWith(".test.mjs") && (!only.length || only.some((w) => f.includes(w))))
    .sort().map((f) => join(here, f));
  const tap = createWriteStream(join(out, "tap.txt"));
  const child = spawn(process.execPath, ["--test", "--test-reporter=tap", "--test-timeout=240000", ...files], {
    cwd: pkg,
    env: {
      ...process.env, RUNNEL_TEST_URL: url, RUNNEL_TEST_LIMITED_URL: limitedUrl, RUNNEL_TEST_ADMIN_KEY: adminKey,
      RUNNEL_TEST_WEBHOOK_PORT: String(webhookPort), RUNNEL_SDK_JS_OUT: out,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let text = "";
  child.stdout.on("data", (d) => { text += d; process.stdout.write(d); tap.write(d); });
  const code = await new Promise((r) => child.on("exit", r));
  // Top-level summary lines of the TAP reporter.
  const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, "m")) ?? [])[1] ?? 0);
  passed = count("pass");
  failed = count("fail") + count("cancelled");
  if (code !== 0 && failed === 0) failed = 1; // the runner failed without a failed test: count it
} catch (e) {
  console.error(e);
  failed += 1;
} finally {
  stopServers();
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
