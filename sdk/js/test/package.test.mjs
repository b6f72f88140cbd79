// npm pack → install the tarball into an empty project → both entry points load (ESM and CommonJS), the types resolve
// for a TypeScript consumer, and the README's worked example runs verbatim against the real server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";
import { activeApiFlow, newWorkspace, url } from "./helpers.mjs";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...opts });

const work = mkdtempSync(join(tmpdir(), "runnel-sdk-pack-"));
const app = join(work, "app");
let tarball;

test.after(() => rmSync(work, { recursive: true, force: true }));

test("npm pack makes a tarball with dist/ built, and it installs", () => {
  // dist/ is already built by the test run; --ignore-scripts keeps prepack from rebuilding it under the other tests.
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  assert.equal(manifest.scripts.prepack, "node scripts/build.mjs", "a plain npm pack builds dist/ first");
  const packed = JSON.parse(run(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: pkgDir }));
  const files = packed[0].files.map((f) => f.path);
  for (const f of ["dist/esm/index.js", "dist/esm/index.d.ts", "dist/esm/browser.js", "dist/cjs/index.js",
    "dist/cjs/index.d.ts", "dist/cjs/browser.d.ts", "dist/cjs/package.json", "dist/runnel-browser.min.js", "README.md", "package.json"]) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  assert.ok(!files.some((f) => f.startsWith("src/") || f.startsWith("test/")), "only dist and docs ship");
  tarball = join(work, packed[0].filename);
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{"name":"app","version":"1.0.0","private":true,"type":"module"}');
  run(npm, ["install", "--no-audit", "--no-fund", "--offline", tarball], { cwd: app });
  const installed = JSON.parse(readFileSync(join(app, "node_modules/@runnel/sdk/package.json"), "utf8"));
  assert.equal(installed.name, "@runnel/sdk");
  assert.deepEqual(installed.dependencies ?? {}, {}, "zero runtime dependencies");
});

test("both entry points load from the installed package, as ESM and as CommonJS", () => {
  assert.ok(tarball, "the tarball was installed");
  writeFileSync(join(app, "esm.mjs"), `
    import { Runnel, RunnelError, RunnelTimeoutError } from "@runnel/sdk";
    import { RunnelBrowser, RunnelError as BrowserError } from "@runnel/sdk/browser";
    const r = new Runnel({ apiKey: "rk_secret_x" });
    const b = RunnelBrowser.init({ publicKey: "rk_public_x" });
    let refused = false; try { RunnelBrowser.init({ publicKey: "rk_secret_x" }); } catch { refused = true; }
    console.log(JSON.stringify({ flows: typeof r.flows.trigger, browser: typeof b.flows.trigger, track: typeof b.events.track,
      noList: typeof b.flows.list, sameError: RunnelError === BrowserError, timeout: new RunnelTimeoutError("t") instanceof RunnelError, refused }));`);
  writeFileSync(join(app, "cjs.cjs"), `
    const { Runnel, RunnelError } = require("@runnel/sdk");
    const { RunnelBrowser } = require("@runnel/sdk/browser");
    console.log(JSON.stringify({ flows: typeof new Runnel({ apiKey: "rk_secret_x" }).flows.trigger,
      browser: typeof RunnelBrowser.init({ publicKey: "rk_public_x" }).events.track, error: typeof RunnelError }));`);
  assert.deepEqual(JSON.parse(run(process.execPath, ["esm.mjs"], { cwd: app })),
    { flows: "function", browser: "function", track: "function", noList: "undefined", sameError: true, timeout: true, refused: true });
  assert.deepEqual(JSON.parse(run(process.execPath, ["cjs.cjs"], { cwd: app })),
    { flows: "function", browser: "function", error: "function" });
});

test("the README's worked example runs verbatim (and type-checks against the installed types)", async () => {
  assert.ok(tarball, "the tarball was installed");
  const readme = readFileSync(join(pkgDir, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Worked example"));
  const example = section.match(/```ts\n([\s\S]*?)```/)[1];
  assert.match(example, /contacts\.upsert/);
  assert.match(example, /flows\.trigger/);
  writeFileSync(join(app, "example.ts"), example);
  writeFileSync(join(app, "example.mjs"), transformSync(example, { loader: "ts", format: "esm" }).code);

  // Types: the example compiled by tsc against node_modules/@runnel/sdk, as an ESM consumer would.
  writeFileSync(join(app, "shim.d.ts"), "declare const process: { env: Record<string, string | undefined> };\n");
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext",
    target: "es2022", strict: true, noEmit: true, lib: ["es2022", "dom"], types: [] }, files: ["example.ts", "shim.d.ts"] }));
  run(process.execPath, [join(pkgDir, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: app });

  const { runnel, key } = await newWorkspace("readme");
  const flow = await activeApiFlow(runnel);
  writeFileSync(join(app, "signup.mjs"), `
    import { onUserSignedUp } from "./example.mjs";
    const run = await onUserSignedUp({ email: "ada@example.com", firstName: "Ada", lastName: "Lovelace" });
    console.log(JSON.stringify(run));`);
  const out = JSON.parse(run(process.execPath, ["signup.mjs"], { cwd: app,
    env: { ...process.env, RUNNEL_SECRET_KEY: key, RUNNEL_URL: url, SIGNUP_FLOW_ID: flow.id } }));
  assert.equal(out.status, "started");
  assert.equal(out.flowId, flow.id);
  const contact = await runnel.contacts.get(out.contactId);
  assert.equal(contact.firstName, "Ada");
  assert.equal(contact.emailSubscriptionStatus, "subscribed");
  const member = await runnel.flows.members.get(flow.id, out.id);
  assert.deepEqual(member.context, { signupSource: "web" });
});
