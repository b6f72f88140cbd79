// Side panels of the builder: problems summary, members and timelines, the test run on the dev clock, trigger code.
import { useCallback, useEffect, useState } from "react";
import { ApiError, describeError, get, post, query } from "../lib/api";
import type { Flow, Member, TimelineEntry } from "../lib/types";
import type { PinnedProblem } from "../lib/problems";

export function ProblemsPanel({ problems, onJump, checking }: { problems: PinnedProblem[]; onJump: (p: PinnedProblem) => void; checking: boolean }) {
  return (
    <section className="panel-form" aria-label="Problems">
      <h2>Problems {checking ? <span className="muted">(checking…)</span> : null}</h2>
      {problems.length === 0 ? <p className="ok">✓ Ready to activate: the server found no problems.</p> : (
        <ul className="problem-summary">
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" onClick={() => onJump(p)}>
                <strong>{p.node === "__triggers" ? `Trigger${p.trigger !== null ? " " + (p.trigger + 1) : "s"}` : p.node ?? (p.area === "settings" ? "Settings" : "Flow")}</strong>: {p.message}
                <code className="muted"> {p.path}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const describe: Record<string, (e: TimelineEntry) => string> = {
  entered_flow: () => "Entered the flow",
  step_executed: (e) => `Ran step ${e.step_id}`,
  waiting: (e) => `Waiting${e.data.wake_at ? ` until ${fmt(String(e.data.wake_at))}` : ""}${e.data.reason ? ` (${e.data.reason})` : ""}`,
  email_sent: (e) => `Email sent${e.data.to ? ` to ${e.data.to}` : ""}`,
  email_skipped: (e) => `Email skipped${e.data.reason ? `: ${e.data.reason}` : ""}`,
  email_delivered: () => "Email delivered",
  email_opened: () => "Email opened",
  email_clicked: (e) => `Email link clicked${e.data.url ? `: ${e.data.url}` : ""}`,
  email_bounced: () => "Email bounced",
  sms_sent: () => "SMS sent",
  reply_received: (e) => `Reply received${e.data.text ? `: “${e.data.text}”` : ""}`,
  webhook_sent: () => "Webhook delivered",
  webhook_failed: (e) => `Webhook failed${e.data.error ? `: ${e.data.error}` : ""}`,
  contact_updated: () => "Contact updated",
  branch_taken: (e) => `Took ${e.data.edge ?? e.data.branch ?? "a branch"}${e.data.to_step_id ? ` → ${e.data.to_step_id}` : e.data.next_step_id ? ` → ${e.data.next_step_id}` : ""}`,
  page_created: () => "Page created",
  page_viewed: () => "Page viewed",
  completed: () => "Completed the flow",
  dropped: (e) => `Dropped${e.data.reason ? ` (${e.data.reason})` : e.data.exit_reason ? ` (${e.data.exit_reason})` : ""}`,
  failed: (e) => `Failed${e.data.error ? `: ${e.data.error}` : ""}`,
};

function fmt(at: string): string {
  const d = new Date(at);
  return isNaN(d.getTime()) ? at : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function Timeline({ member }: { member: Member }) {
  return (
    <div className="timeline-wrap">
      <p>
        <span className={`badge ${member.status}`}>{member.status}</span> v{member.flow_version}
        {member.current_step_id ? <> at <code>{member.current_step_id}</code></> : null}
        {member.wake_at ? <> · wakes {fmt(member.wake_at)}</> : null}
        {member.exit_reason ? <> · exit: {member.exit_reason}</> : null}
      </p>
      {member.failure ? <p className="error">Failed at {member.failure.step_id} after {member.failure.attempts} attempts: {member.failure.error}</p> : null}
      <ol className="timeline" aria-label="Timeline">
        {(member.timeline ?? []).map((e, i) => (
          <li key={i} className={`tl-${e.type}`}>
            <time dateTime={e.at}>{fmt(e.at)}</time>
            <span>{(describe[e.type] ?? ((x: TimelineEntry) => x.type.replace(/_/g, " ")))(e)}</span>
            {e.step_id && e.type !== "step_executed" ? <code className="muted"> {e.step_id}</code> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Step ids and edges (from→to) a member went through, from its timeline. */
export function pathOf(member: Member | null): { steps: Set<string>; hops: Set<string> } {
  const steps = new Set<string>();
  const hops = new Set<string>();
  if (!member?.timeline) return { steps, hops };
  let prev: string | null = null;
  for (const e of member.timeline) {
    if (!e.step_id) continue;
    if (e.type === "step_executed" || e.type === "waiting" || !steps.has(e.step_id)) {
      if (prev && prev !== e.step_id) hops.add(`${prev}->${e.step_id}`);
      steps.add(e.step_id);
      prev = e.step_id;
    }
  }
  if (member.current_step_id) {
    if (prev && prev !== member.current_step_id) hops.add(`${prev}->${member.current_step_id}`);
    steps.add(member.current_step_id);
  }
  return { steps, hops };
}

export interface MemberFilter {
  status: string;
  stepId: string | null;
  which: "at_step" | "exited" | null;
}

export function MembersPanel({ flowId, filter, setFilter, selected, onSelect }: {
  flowId: string; filter: MemberFilter; setFilter: (f: MemberFilter) => void; selected: Member | null; onSelect: (m: Member | null) => void;
}) {
  const [members, setMembers] = useState<Member[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const statuses = filter.which === "at_step" ? ["active", "waiting"] : filter.which === "exited" ? ["completed", "dropped", "failed"] : [filter.status];
      const all: Member[] = [];
      let t = 0;
      for (const status of statuses) {
        for (let page = 1; page <= 5; page++) {
          const r = await get<{ members: Member[]; pagination: { total: number; total_pages: number } }>(
            `/v1/flows/${flowId}/members` + query({ status: status || undefined, page, limit: 100 }));
          all.push(...r.members);
          if (page === 1) t += r.pagination.total;
          if (page >= r.pagination.total_pages) break;
        }
      }
      const shown = filter.stepId ? all.filter((m) => m.current_step_id === filter.stepId) : all;
      setMembers(shown);
      setTotal(filter.stepId ? shown.length : t);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }, [flowId, filter]);
  useEffect(() => { void load(); const t = setInterval(load, 4000); return () => clearInterval(t); }, [load]);

  const open = async (m: Member) => {
    try { onSelect(await get<Member>(`/v1/flows/${flowId}/members/${m.id}`)); } catch (e) { setError(describeError(e)); }
  };
  return (
    <section className="panel-form" aria-label="Members">
      <h2>Members</h2>
      <div className="row">
        <label>Status{" "}
          <select value={filter.which ? "" : filter.status} onChange={(e) => setFilter({ status: e.target.value, stepId: null, which: null })}>
            <option value="">Any</option>
            {["active", "waiting", "completed", "dropped", "failed"].map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        {filter.stepId ? (
          <span className="chip">{filter.which === "exited" ? "Ended at" : "Now at"} <code>{filter.stepId}</code>
            <button type="button" aria-label="Clear step filter" onClick={() => setFilter({ status: "", stepId: null, which: null })}>×</button></span>
        ) : null}
      </div>
      {error ? <p role="alert" className="error">{error}</p> : null}
      <p className="muted">{total} member{total === 1 ? "" : "s"}</p>
      <ul className="member-list">
        {members.map((m) => (
          <li key={m.id}>
            <button type="button" aria-pressed={selected?.id === m.id} onClick={() => open(m)}>
              <span className={`badge ${m.status}`}>{m.status}</span> <code>{m.contact_id.slice(-8)}</code>
              {m.current_step_id ? <> at <code>{m.current_step_id}</code></> : null} <span className="muted">entered {fmt(m.entered_at)}</span>
            </button>
          </li>
        ))}
      </ul>
      {selected ? (
        <div className="member-detail">
          <h3>Member <code>{selected.id.slice(-12)}</code> <button type="button" onClick={() => onSelect(null)}>Close</button></h3>
          <Timeline member={selected} />
        </div>
      ) : null}
    </section>
  );
}

interface OutboxMessage { id: string; channel: string; to: string; subject: string | null; text: string | null; sent_at: string; step_id: string | null }

export function TestRunPanel({ flow, onMember, member }: { flow: Flow; onMember: (m: Member | null) => void; member: Member | null }) {
  const [email, setEmail] = useState(`test+${Date.now().toString(36)}@example.com`);
  const [context, setContext] = useState("{}");
  const [amount, setAmount] = useState(1);
  const [unit, setUnit] = useState("days");
  const [now, setNow] = useState<string | null>(null);
  const [devClock, setDevClock] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outbox, setOutbox] = useState<OutboxMessage[]>([]);

  useEffect(() => {
    post<{ now: string }>("/v1/dev/clock", { advance_seconds: 0 }).then((r) => { setDevClock(true); setNow(r.now); }, (e) => {
      setDevClock(false);
      if (e instanceof ApiError && e.status === 403) setError("Moving the dev clock needs the server's bootstrap admin key (WORKSPACES_ADMIN).");
    });
  }, []);

  const refresh = useCallback(async (id?: string) => {
    const memberId = id ?? member?.id;
    if (memberId) onMember(await get<Member>(`/v1/flows/${flow.id}/members/${memberId}`));
    const r = await get<{ messages: OutboxMessage[] }>("/v1/dev/outbox" + query({ to: email, limit: 50 }));
    setOutbox(r.messages);
  }, [member?.id, flow.id, email, onMember]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true); setError(null);
    try { await fn(); } catch (e) { setError(describeError(e)); } finally { setBusy(false); }
  };

  const enroll = () => run(async () => {
    let ctx: unknown = {};
    try { ctx = context.trim() ? JSON.parse(context) : {}; } catch { throw new Error("The context is not valid JSON."); }
    let id: string;
    if (flow.triggers.some((t) => t.type === "api")) {
      const r = await post<{ id: string; status: string; reason?: string }>(`/v1/flows/${flow.id}/trigger`, { email, context: ctx });
      if (r.status === "skipped") throw new Error(`Not enrolled: ${r.reason}`);
      id = r.id;
    } else {
      const c = await post<{ contact_id: string }>("/v1/contacts", { email });
      id = (await post<Member>(`/v1/flows/${flow.id}/contacts/${c.contact_id}`, { dynamic_context: ctx })).id;
    }
    await post("/v1/dev/clock", { advance_seconds: 0 });
    await refresh(id);
  });

  const advance = () => run(async () => {
    const seconds = amount * ({ minutes: 60, hours: 3600, days: 86400, weeks: 604800 } as Record<string, number>)[unit];
    const r = await post<{ now: string }>("/v1/dev/clock", { advance_seconds: seconds });
    setNow(r.now);
    await refresh();
  });

  if (devClock === false) {
    return (
      <section className="panel-form" aria-label="Test run">
        <h2>Test run</h2>
        <p>{error ?? "The test run needs the server started with RUNNEL_DEV_CLOCK=1 (test mode: a clock that only moves when you move it)."}</p>
      </section>
    );
  }
  return (
    <section className="panel-form" aria-label="Test run">
      <h2>Test run <span className="muted">(dev clock{now ? `: ${fmt(now)}` : ""})</span></h2>
      {flow.status !== "active" ? <p className="muted">Activate the flow to enroll a test contact.</p> : null}
      <div className="field"><label htmlFor="tr-email">Test contact email</label>
        <input id="tr-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} /></div>
      <div className="field"><label htmlFor="tr-context">Context (JSON)</label>
        <textarea id="tr-context" rows={3} value={context} onChange={(e) => setContext(e.target.value)} /></div>
      <button type="button" className="primary" disabled={busy || flow.status !== "active"} onClick={enroll}>Enroll test contact</button>
      <div className="row">
        <div className="field"><label htmlFor="tr-amount">Advance by</label>
          <input id="tr-amount" type="number" min={1} value={amount} onChange={(e) => setAmount(Math.max(1, Number(e.target.value)))} /></div>
        <div className="field"><label htmlFor="tr-unit">Unit</label>
          <select id="tr-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
            {["minutes", "hours", "days", "weeks"].map((u) => <option key={u} value={u}>{u}</option>)}
          </select></div>
        <button type="button" disabled={busy || !devClock} onClick={advance}>Advance clock</button>
      </div>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {member ? <div aria-label="Test member" className="test-member"><h3>Where the member is</h3><Timeline member={member} /></div> : null}
      <h3>Sent to {email} (dev outbox)</h3>
      {outbox.length === 0 ? <p className="muted">Nothing sent yet.</p> : (
        <ul className="outbox" aria-label="Dev outbox">
          {outbox.map((m) => <li key={m.id}><span className="badge">{m.channel}</span> {m.subject ?? m.text?.slice(0, 60)} <span className="muted">{fmt(m.sent_at)} · {m.step_id}</span></li>)}
        </ul>
      )}
    </section>
  );
}

export function SnippetPanel({ flow }: { flow: Flow }) {
  const base = location.origin;
  const [tab, setTab] = useState("curl");
  const snippets: Record<string, string> = {
    curl: `curl -X POST ${base}/v1/flows/${flow.id}/trigger \\
  -H "Authorization: Bearer $RUNNEL_SECRET_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"email": "ada@example.com", "context": {"plan": "pro"}}'`,
    typescript: `import { Runnel } from "@runnel/sdk";

const runnel = new Runnel({ apiKey: process.env.RUNNEL_SECRET_KEY!, baseUrl: "${base}" });
const run = await runnel.flows.trigger({
  flowId: "${flow.id}",
  email: "ada@example.com",
  context: { plan: "pro" },
});
// run.status: "started" | "already_running" | "skipped"`,
    csharp: `using System.Text.Json.Nodes;
using Runnel.Client;

var client = new RunnelClient(new RunnelClientOptions
{
    ApiKey = Environment.GetEnvironmentVariable("RUNNEL_SECRET_KEY")!,
    BaseUrl = new Uri("${base}"),
});
var run = await client.Flows.TriggerAsync(new TriggerRequest
{
    FlowId = "${flow.id}",
    Email = "ada@example.com",
    Context = new JsonObject { ["plan"] = "pro" },
}, cancellationToken);`,
  };
  const hasApi = flow.triggers.some((t) => t.type === "api");
  return (
    <section className="panel-form" aria-label="Trigger snippet">
      <h2>Trigger from your code</h2>
      {!hasApi ? <p className="muted">This flow has no API trigger yet: add one under Triggers to start it from code.</p> : null}
      <div role="tablist" className="tabs" aria-label="Language">
        {[["curl", "curl"], ["typescript", "TypeScript SDK"], ["csharp", "C#"]].map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>{label}</button>
        ))}
      </div>
      <pre className="snippet" data-testid="snippet"><code>{snippets[tab]}</code></pre>
      <button type="button" onClick={() => navigator.clipboard?.writeText(snippets[tab])}>Copy</button>
    </section>
  );
}
