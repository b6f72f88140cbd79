import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { ApiError, describeError, get, patch, post } from "../lib/api";
import type { Flow, FlowDoc, Member, Problem, Step, StepStats, Trigger } from "../lib/types";
import { History } from "../lib/history";
import { cloneSteps, deleteEdge, deleteSteps, freshStepId, insertStep, connect, slotsOf, splitEdgeId, TRIGGER_NODE } from "../lib/graph";
import { pinProblems, type PinnedProblem } from "../lib/problems";
import { STEP_TYPES, stepType } from "../lib/steps";
import { emptyResources, type Resources } from "./fields";
import { SettingsForm, StepForm, TriggerForms } from "./forms";
import { MembersPanel, pathOf, ProblemsPanel, SnippetPanel, TestRunPanel, type MemberFilter } from "./panels";
import { Canvas } from "./Canvas";
import type { Workspace } from "../app/App";
import { navigate } from "../app/router";

type Panel = "step" | "triggers" | "settings" | "problems" | "members" | "test" | "snippet";

export function docOf(flow: Flow, localUi: FlowDoc["ui"] | null): FlowDoc {
  return {
    name: flow.name, description: flow.description, reentry_policy: flow.reentry_policy, triggers: flow.triggers,
    entry_step_id: flow.entry_step_id, steps: flow.steps, disqualification_rules: flow.disqualification_rules,
    settings: flow.settings, ui: (flow.ui ?? localUi ?? {}) as FlowDoc["ui"],
  };
}

const STRUCTURE: (keyof FlowDoc)[] = ["triggers", "steps", "entry_step_id", "reentry_policy"];
const ALWAYS: (keyof FlowDoc)[] = ["name", "description", "settings", "disqualification_rules"];

/** The members of `next` that differ from `saved`, as a PATCH body. */
export function changedMembers(saved: FlowDoc, next: FlowDoc, structureEditable: boolean, uiOnServer: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const keys = [...ALWAYS, ...(structureEditable ? STRUCTURE : []), ...(uiOnServer ? (["ui"] as const) : [])];
  for (const k of keys) if (JSON.stringify(saved[k]) !== JSON.stringify(next[k])) body[k] = next[k];
  return body;
}

const baseIds: Record<string, string> = { condition_check: "check", send_email: "email", send_sms: "sms", wait_for_reply: "reply", update_contact: "update", send_webhook: "webhook", create_page: "page", drop_from_flow: "drop" };

export function Builder({ flowId }: { flowId: string; workspace: Workspace | null }) {
  const [flow, setFlow] = useState<Flow | null>(null);
  const [doc, setDoc] = useState<FlowDoc | null>(null);
  const hist = useRef<History<FlowDoc> | null>(null);
  const saved = useRef<FlowDoc | null>(null);
  const [resources, setResources] = useState<Resources>(emptyResources);
  const [problems, setProblems] = useState<PinnedProblem[]>([]);
  const [checking, setChecking] = useState(false);
  const [saveState, setSaveState] = useState<"saved" | "dirty" | "saving" | "error">("saved");
  const [error, setError] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>("triggers");
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<{ source: string; kind: string; label: string } | null>(null);
  const [stats, setStats] = useState<StepStats | null>(null);
  const [member, setMember] = useState<Member | null>(null);
  const [memberFilter, setMemberFilter] = useState<MemberFilter>({ status: "", stepId: null, which: null });
  const [confirm, setConfirm] = useState<null | "reactivate" | "archive">(null);
  const [baseline, setBaseline] = useState<string | null>(null);
  const clipboard = useRef<Step[]>([]);
  const coalesce = useRef<{ key: string; at: number } | null>(null);
  const saveTimer = useRef<number | undefined>(undefined);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const [testOpened, setTestOpened] = useState(false);
  useEffect(() => { if (panel === "test") setTestOpened(true); }, [panel]);
  const [focusNode, setFocusNode] = useState<{ id: string; n: number } | null>(null);

  const structureOf = (d: FlowDoc) => JSON.stringify([d.triggers, d.steps, d.entry_step_id, d.reentry_policy]);

  // --- loading ---------------------------------------------------------------------------------------------------
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const f = await get<Flow>(`/v1/flows/${flowId}`);
        if (cancelled) return;
        performance.mark("runnel:flow-loaded"); // bench/run.mjs measures layout + first render from here
        const local = "ui" in f ? null : JSON.parse(localStorage.getItem(`runnel.ui.${flowId}`) ?? "null");
        const d = docOf(f, local);
        hist.current = new History(d, 500);
        saved.current = d;
        setFlow(f);
        setDoc(d);
        setBaseline(f.status === "draft" ? null : structureOf(d));
        if (f.steps.length > 0) setPanel("problems");
        void validate(d);
      } catch (e) {
        setError(describeError(e));
      }
    })();
    const list = async <T,>(path: string, key: string): Promise<T[]> => {
      try { return ((await get<Record<string, T[]>>(path))[key]) ?? []; } catch { return []; }
    };
    void Promise.all([
      list<Resources["emails"][number]>("/v1/emails?limit=100", "emails"),
      list<Resources["lists"][number]>("/v1/lists?limit=100", "lists"),
      list<Resources["forms"][number]>("/v1/forms?limit=100", "forms"),
      list<Resources["customFields"][number]>("/v1/custom-fields?limit=100", "custom_fields"),
      list<Resources["secrets"][number]>("/v1/secrets", "secrets"),
    ]).then(([emails, lists, forms, customFields, secrets]) => !cancelled && setResources({ emails, lists, forms, customFields, secrets }));
    return () => { cancelled = true; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flowId]);

  // --- live numbers ------------------------------------------------------------------------------------------------
  useEffect(() => {
    if (!flow || flow.status === "draft") return;
    let stop = false;
    const tick = async () => {
      try { const s = await get<StepStats>(`/v1/flows/${flowId}/step-stats`); if (!stop) setStats(s); } catch { /* shown as no numbers */ }
    };
    void tick();
    const t = setInterval(tick, 3000);
    return () => { stop = true; clearInterval(t); };
  }, [flowId, flow?.status, flow?.version]);

  // --- validation and saving ----------------------------------------------------------------------------------------
  const validate = useCallback(async (d: FlowDoc) => {
    setChecking(true);
    try {
      const r = await post<{ ready: boolean; missing: Problem[] }>(`/v1/flows/${flowId}/validate`);
      setProblems(pinProblems(d, r.missing));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409)) setError(describeError(e));
    } finally {
      setChecking(false);
    }
  }, [flowId]);

  const saveNow = useCallback((d: FlowDoc): Promise<void> => {
    window.clearTimeout(saveTimer.current);
    const run = async () => {
      const f = flowRef.current;
      if (!f || f.status === "archived" || !saved.current) return;
      const editable = f.status === "draft" || f.status === "paused";
      const hasUi = "ui" in f;
      if (!hasUi) localStorage.setItem(`runnel.ui.${flowId}`, JSON.stringify(d.ui));
      const body = changedMembers(saved.current, d, editable, hasUi);
      if (Object.keys(body).length === 0) { setSaveState("saved"); return; }
      setSaveState("saving");
      try {
        const next = await patch<Flow>(`/v1/flows/${flowId}`, body);
        saved.current = { ...saved.current, ...(body as Partial<FlowDoc>) };
        setFlow(next);
        setSaveState(hist.current?.present === d ? "saved" : "dirty");
        setError(null);
        await validate(d);
      } catch (e) {
        setSaveState("error");
        if (e instanceof ApiError && e.errors.length) {
          setProblems(pinProblems(d, e.errors));
          setError(`Not saved: ${e.errors.length} problem${e.errors.length === 1 ? "" : "s"} (see the marked nodes and the Problems panel).`);
        } else {
          setError(`Not saved: ${describeError(e)}`);
        }
      }
    };
    saving.current = saving.current.then(run, run);
    return saving.current;
  }, [flowId, validate]);

  const flowRef = useRef<Flow | null>(null);
  flowRef.current = flow;

  const commit = useCallback((next: FlowDoc, key?: string) => {
    const h = hist.current;
    if (!h || next === h.present) return;
    const now = Date.now();
    if (key && coalesce.current?.key === key && now - coalesce.current.at < 1200) h.replace(next);
    else h.push(next);
    coalesce.current = key ? { key, at: now } : null;
    setDoc(h.present);
    setSaveState("dirty");
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => void saveNow(h.present), 600);
  }, [saveNow]);

  /** Undo or redo: show that snapshot and save it like any edit. */
  const travel = useCallback((way: "undo" | "redo") => {
    const h = hist.current;
    if (!h || !(way === "undo" ? h.canUndo : h.canRedo)) return;
    coalesce.current = null;
    const d = way === "undo" ? h.undo() : h.redo();
    setDoc(d);
    setSaveState("dirty");
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => void saveNow(d), 600);
  }, [saveNow]);
  const undo = useCallback(() => travel("undo"), [travel]);
  const redo = useCallback(() => travel("redo"), [travel]);

  const status = flow?.status ?? "draft";
  const structureReadOnly = status === "active" || status === "archived";

  // --- canvas edits ------------------------------------------------------------------------------------------------
  const addStep = useCallback((type: string, at?: { source: string; kind: string } | null, position?: { x: number; y: number }) => {
    if (!doc || structureReadOnly) return;
    const t = stepType(type);
    const id = freshStepId(doc, baseIds[type] ?? type);
    const step: Step = { step_id: id, type, ...t.make() } as Step;
    let where = at ?? target ?? null;
    if (!where && !position) {
      if (doc.steps.length === 0) where = { source: TRIGGER_NODE, kind: "entry" };
      else if (selected.length === 1) {
        const s = doc.steps.find((x) => x.step_id === selected[0]);
        const free = s ? slotsOf(s).find((x) => !x.target) : undefined;
        if (s && free) where = { source: s.step_id, kind: free.kind };
      }
    }
    let next = insertStep(doc, step, where ?? undefined);
    const positions = doc.ui.positions ?? {};
    if (Object.keys(positions).length > 0) {
      const from = where ? positions[where.source] : undefined;
      const p = position ?? (from ? { x: from.x, y: from.y + 150 } : { x: 0, y: 0 });
      next = { ...next, ui: { ...next.ui, positions: { ...positions, [id]: p } } };
    } else if (position && doc.steps.length > 0) {
      // The first manual position: keep the automatic layout of the others as it is on screen.
      next = { ...next, ui: { ...next.ui, positions: { ...layoutRef.current, [id]: position } } };
    }
    commit(next);
    setTarget(null);
    setSelected([id]);
    setPanel("step");
  }, [doc, structureReadOnly, target, selected, commit]);

  const layoutRef = useRef<Record<string, { x: number; y: number }>>({});

  const onConnect = useCallback((source: string, kind: string, to: string) => {
    if (!doc || structureReadOnly || source === to) return;
    commit(connect(doc, source, kind, to));
  }, [doc, structureReadOnly, commit]);

  const onDelete = useCallback((nodeIds: string[], edgeIds: string[]) => {
    if (!doc || structureReadOnly) return;
    const steps = nodeIds.filter((n) => n !== TRIGGER_NODE);
    let next = doc;
    if (steps.length) next = deleteSteps(next, steps);
    else for (const e of edgeIds) next = deleteEdge(next, e);
    commit(next);
    setSelected([]);
  }, [doc, structureReadOnly, commit]);

  const onMove = useCallback((moved: Record<string, { x: number; y: number }>) => {
    if (!doc || status === "archived") return;
    const positions = { ...layoutRef.current, ...(doc.ui.positions ?? {}), ...moved };
    commit({ ...doc, ui: { ...doc.ui, positions } });
  }, [doc, status, commit]);

  const autoLayout = useCallback(() => {
    if (!doc) return;
    const ui = { ...doc.ui };
    delete ui.positions;
    commit({ ...doc, ui });
  }, [doc, commit]);

  const copy = useCallback(() => {
    if (!doc) return;
    clipboard.current = doc.steps.filter((s) => selected.includes(s.step_id));
  }, [doc, selected]);
  const paste = useCallback(() => {
    if (!doc || structureReadOnly || clipboard.current.length === 0) return;
    const { steps, ids } = cloneSteps(doc, clipboard.current);
    let next: FlowDoc = { ...doc, steps: [...doc.steps, ...steps] };
    const positions = doc.ui.positions;
    if (positions && Object.keys(positions).length) {
      const add: Record<string, { x: number; y: number }> = {};
      for (const [from, to] of ids) {
        const p = positions[from] ?? layoutRef.current[from] ?? { x: 0, y: 0 };
        add[to] = { x: p.x + 40, y: p.y + 40 };
      }
      next = { ...next, ui: { ...next.ui, positions: { ...positions, ...add } } };
    }
    commit(next);
    setSelected([...ids.values()]);
  }, [doc, structureReadOnly, commit]);

  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      const inField = el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || inField) return;
      const k = e.key.toLowerCase();
      if (k === "z" && !e.shiftKey) { e.preventDefault(); undo(); }
      else if ((k === "z" && e.shiftKey) || k === "y") { e.preventDefault(); redo(); }
      else if (k === "c") copy();
      else if (k === "v") { e.preventDefault(); paste(); }
    };
    window.addEventListener("keydown", on);
    return () => window.removeEventListener("keydown", on);
  }, [undo, redo, copy, paste]);

  // --- lifecycle -------------------------------------------------------------------------------------------------------
  const lifecycle = async (action: "activate" | "pause" | "archive") => {
    if (!doc) return;
    setError(null);
    try {
      await saveNow(hist.current!.present);
      const f = await post<Flow>(`/v1/flows/${flowId}/${action}`);
      setFlow(f);
      // Undo does not reach back across a lifecycle change: what was edited before is now a version.
      hist.current!.reset(hist.current!.present);
      setBaseline(action === "archive" ? null : structureOf(hist.current!.present));
      if (action === "activate") { setProblems([]); setPanel("members"); }
    } catch (e) {
      if (e instanceof ApiError && e.missing.length) {
        setProblems(pinProblems(hist.current!.present, e.missing));
        setPanel("problems");
        setError(`Not activated: ${e.missing.length} problem${e.missing.length === 1 ? "" : "s"} to fix first.`);
      } else setError(describeError(e));
    } finally {
      setConfirm(null);
    }
  };

  const selectedStep = doc?.steps.find((s) => s.step_id === selected[0]) ?? null;
  const path = useMemo(() => pathOf(member), [member]);
  const removedInfo = useMemo(() => {
    if (!doc || !stats) return { steps: [] as string[], members: 0 };
    const ids = new Set(doc.steps.map((s) => s.step_id));
    const gone = stats.step_stats.filter((s) => !ids.has(s.step_id));
    return { steps: gone.map((s) => s.step_id), members: gone.reduce((a, s) => a + s.at_step, 0) };
  }, [doc, stats]);

  if (error && !flow) return <p role="alert" className="error">{error}</p>;
  if (!flow || !doc) return <p className="muted">Loading flow…</p>;
  const h = hist.current!;
  const structureChanged = baseline !== null && baseline !== structureOf(doc);
  const openProblem = (p: PinnedProblem) => {
    if (p.node === TRIGGER_NODE) { setPanel("triggers"); setSelected([TRIGGER_NODE]); }
    else if (p.node) { setSelected([p.node]); setPanel("step"); }
    else setPanel("settings");
    if (p.node) setFocusNode({ id: p.node, n: Date.now() });
  };

  return (
    <div className="builder">
      <div className="builder-bar" role="toolbar" aria-label="Flow">
        <a href="/" onClick={(e) => { e.preventDefault(); navigate("/"); }} className="back" aria-label="Back to flows">←</a>
        <h1 className="flow-name">{doc.name}</h1>
        <span className={`badge ${status}`} data-testid="flow-status">{status}</span>
        <span className="muted" data-testid="flow-version">v{flow.version}</span>
        <span className={`save-state ${saveState}`} role="status" data-testid="save-state">
          {{ saved: "All changes saved", dirty: "Unsaved changes…", saving: "Saving…", error: "Not saved" }[saveState]}
        </span>
        <span className="spacer" />
        <button type="button" onClick={undo} disabled={!h.canUndo} title="Undo (Ctrl-Z)">Undo</button>
        <button type="button" onClick={redo} disabled={!h.canRedo} title="Redo (Ctrl-Shift-Z)">Redo</button>
        {status !== "archived" ? <button type="button" onClick={() => void saveNow(h.present)}>Save draft</button> : null}
        {status === "draft" ? <button type="button" className="primary" onClick={() => void lifecycle("activate")}>Activate</button> : null}
        {status === "active" ? <button type="button" onClick={() => void lifecycle("pause")}>Pause</button> : null}
        {status === "paused" ? <button type="button" className="primary" onClick={() => setConfirm("reactivate")}>Reactivate</button> : null}
        {status === "draft" || status === "paused" ? <button type="button" onClick={() => setConfirm("archive")}>Archive</button> : null}
      </div>
      {status === "active" ? (
        <div className="banner" role="note">This flow is active: its steps and triggers are read-only. <button type="button" onClick={() => void lifecycle("pause")}>Pause to edit</button></div>
      ) : null}
      {status === "archived" ? <div className="banner" role="note">This flow is archived and can no longer be changed.</div> : null}
      {status === "paused" ? (
        <div className="banner" role="note" data-testid="paused-banner">
          Paused: members wait where they are. {structureChanged ? <>You changed the structure: reactivating makes <strong>version {flow.version + 1}</strong>.</> : <>Edit the flow, then reactivate.</>}
          {removedInfo.steps.length ? <> <strong>{removedInfo.members}</strong> member{removedInfo.members === 1 ? " is" : "s are"} on removed steps ({removedInfo.steps.join(", ")}) and will be dropped.</> : null}
        </div>
      ) : null}
      {confirm ? (
        <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title">
          <div className="card">
            <h2 id="confirm-title">{confirm === "archive" ? "Archive this flow?" : "Reactivate this flow?"}</h2>
            {confirm === "archive" ? <p>Running members are dropped and the flow can no longer be edited.</p> : (
              <p data-testid="reactivate-info">
                {structureChanged ? <>A new version, <strong>version {flow.version + 1}</strong>, will be made from your edits; members move to it at their current step.</> : <>Members continue where they are.</>}
                {" "}{removedInfo.members} member{removedInfo.members === 1 ? " is" : "s are"} on steps you removed{removedInfo.steps.length ? ` (${removedInfo.steps.join(", ")})` : ""}{removedInfo.members ? " and will be dropped (step_removed)" : ""}.
              </p>
            )}
            <div className="row">
              <button type="button" className="primary" autoFocus onClick={() => void lifecycle(confirm === "archive" ? "archive" : "activate")}>
                {confirm === "archive" ? "Archive" : "Reactivate"}
              </button>
              <button type="button" onClick={() => setConfirm(null)}>Cancel</button>
            </div>
          </div>
        </div>
      ) : null}
      {error ? <p role="alert" className="error">{error}</p> : null}
      <div className="builder-body">
        <aside className="palette" aria-label="Step palette">
          <h2>Add a step</h2>
          <p className="muted palette-target" data-testid="palette-target">
            {structureReadOnly ? "Read-only while " + status + "." : target ? <>Adding at <strong>{target.label}</strong>. <button type="button" onClick={() => setTarget(null)}>Cancel</button></> : "Click a type, or drag it onto an edge or the canvas. A + on the canvas picks where."}
          </p>
          {(["Messages", "Timing", "Logic", "Contacts", "Actions"] as const).map((g) => (
            <div key={g} className="palette-group">
              <h3>{g}</h3>
              {STEP_TYPES.filter((t) => t.group === g).map((t) => (
                <button key={t.type} type="button" className="palette-item" draggable={!structureReadOnly} disabled={structureReadOnly}
                  data-step-type={t.type}
                  onDragStart={(e) => { e.dataTransfer.setData("application/runnel-step", t.type); e.dataTransfer.effectAllowed = "copy"; }}
                  onClick={() => addStep(t.type)}>
                  <span className="icon" aria-hidden="true">{t.icon}</span> {t.name}
                </button>
              ))}
            </div>
          ))}
        </aside>
        <ReactFlowProvider>
          <Canvas doc={doc} resources={resources} problems={problems} stats={stats} path={path} readOnly={structureReadOnly}
            selected={selected} onSelect={(ids) => { if (ids.join() === selected.join()) return; setSelected(ids); if (ids.length === 1) setPanel(ids[0] === TRIGGER_NODE ? "triggers" : "step"); }}
            onConnect={onConnect} onDelete={onDelete} onMove={onMove} layoutRef={layoutRef} focusNode={focusNode}
            onAddAt={(source, kind) => {
              const label = source === TRIGGER_NODE ? "the start" : `“${kind}” of ${source}`;
              setTarget({ source, kind, label });
              (document.querySelector(".palette-item") as HTMLElement | null)?.focus();
            }}
            onInsertOnEdge={(edgeId) => {
              if (edgeId.startsWith(TRIGGER_NODE)) setTarget({ source: TRIGGER_NODE, kind: "entry", label: "the start" });
              else { const { source, kind } = splitEdgeId(edgeId); setTarget({ source, kind, label: `the edge ${source} → (${kind})` }); }
              (document.querySelector(".palette-item") as HTMLElement | null)?.focus();
            }}
            onDropStep={(type, edgeId, position) => {
              if (edgeId) {
                const at = edgeId.startsWith(TRIGGER_NODE) ? { source: TRIGGER_NODE, kind: "entry" } : splitEdgeId(edgeId);
                addStep(type, at, position);
              } else addStep(type, null, position);
            }}
            onCount={(stepId, which) => { setMemberFilter({ status: "", stepId, which }); setPanel("members"); }}
            onAutoLayout={autoLayout}
          />
        </ReactFlowProvider>
        <aside className="side" aria-label="Panels">
          <div role="tablist" className="tabs side-tabs" aria-label="Panels">
            {([["step", "Step"], ["triggers", "Triggers"], ["settings", "Settings"], ["problems", `Problems${problems.length ? ` (${problems.length})` : ""}`],
              ["members", "Members"], ["test", "Test run"], ["snippet", "Code"]] as [Panel, string][]).map(([id, label]) => (
              <button key={id} type="button" role="tab" aria-selected={panel === id} onClick={() => setPanel(id)}>{label}</button>
            ))}
          </div>
          <div className="side-body" role="tabpanel">
            {panel === "step" ? (selectedStep ? (
              <>
                <StepForm key={selectedStep.step_id} step={selectedStep} doc={doc} resources={resources} readOnly={structureReadOnly}
                  problems={problems.filter((p) => p.node === selectedStep.step_id)}
                  onChange={(s, field) => commit({ ...doc, steps: doc.steps.map((x) => (x.step_id === s.step_id ? s : x)) }, `${s.step_id}.${field}`)}
                  onDelete={() => onDelete([selectedStep.step_id], [])} />
                <div className="field panel-form">
                  <label htmlFor="step-note">Note (for your team; not used by the engine)</label>
                  <textarea id="step-note" rows={2} disabled={status === "archived"} value={doc.ui.notes?.[selectedStep.step_id] ?? ""}
                    onChange={(e) => commit({ ...doc, ui: { ...doc.ui, notes: { ...(doc.ui.notes ?? {}), [selectedStep.step_id]: e.target.value } } }, `${selectedStep.step_id}.note`)} />
                </div>
              </>
            ) : <p className="muted panel-form">Select a step on the canvas to edit it.</p>) : null}
            {panel === "triggers" ? (
              <TriggerForms doc={doc} resources={resources} readOnly={structureReadOnly} problems={problems.filter((p) => p.node === TRIGGER_NODE)}
                onChange={(triggers: Trigger[], field) => commit({ ...doc, triggers }, `triggers.${field}`)} />
            ) : null}
            {panel === "settings" ? (
              <SettingsForm doc={doc} resources={resources} structureReadOnly={structureReadOnly} archived={status === "archived"}
                problems={problems.filter((p) => p.area === "settings" || p.area === "flow")} onChange={(d, field) => commit(d, field)} />
            ) : null}
            {panel === "problems" ? <ProblemsPanel problems={problems} checking={checking} onJump={openProblem} /> : null}
            {panel === "members" ? (
              <MembersPanel flowId={flowId} filter={memberFilter} setFilter={setMemberFilter} selected={member} onSelect={setMember} />
            ) : null}
            {/* Kept mounted once opened, so the test contact, context and outbox survive a look at another tab. */}
            {panel === "test" || testOpened ? (
              <div hidden={panel !== "test"}><TestRunPanel flow={flow} member={member} onMember={setMember} /></div>
            ) : null}
            {panel === "snippet" ? <SnippetPanel flow={flow} /> : null}
          </div>
        </aside>
      </div>
    </div>
  );
}
