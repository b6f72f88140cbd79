import { useCallback, useEffect, useState } from "react";
import { del, describeError, get, patch, post, query } from "../lib/api";
import type { Flow, Pagination } from "../lib/types";
import { navigate } from "./router";

const TABS = [
  { id: "", label: "All" },
  { id: "draft", label: "Draft" },
  { id: "active", label: "Active" },
  { id: "paused", label: "Paused" },
  { id: "archived", label: "Archived" },
];

export function FlowsList() {
  const [status, setStatus] = useState("");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState("updated_at:desc");
  const [page, setPage] = useState(1);
  const [flows, setFlows] = useState<Flow[]>([]);
  const [pagination, setPagination] = useState<Pagination | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [newName, setNewName] = useState("");

  const load = useCallback(async () => {
    const [sort_by, sort_order] = sort.split(":");
    try {
      const r = await get<{ flows: Flow[]; pagination: Pagination }>(
        "/v1/flows" + query({ status: status || undefined, search, sort_by, sort_order, page, limit: 20 }));
      setFlows(r.flows);
      setPagination(r.pagination);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }, [status, search, sort, page]);

  useEffect(() => {
    const t = setTimeout(load, search ? 250 : 0);
    return () => clearTimeout(t);
  }, [load, search]);

  const act = async (what: string, fn: () => Promise<unknown>) => {
    setError(null);
    setNotice(null);
    try {
      await fn();
      setNotice(what);
      await load();
    } catch (e) {
      setError(describeError(e));
    }
  };

  const duplicate = (f: Flow) => act(`Duplicated “${f.name}”.`, async () => {
    const full = await get<Flow>(`/v1/flows/${f.id}`);
    const body: Record<string, unknown> = {
      name: `Copy of ${full.name}`, description: full.description, reentry_policy: full.reentry_policy,
      triggers: full.triggers, steps: full.steps, entry_step_id: full.entry_step_id,
      disqualification_rules: full.disqualification_rules, settings: full.settings,
    };
    const copy = await post<Flow>("/v1/flows", body);
    if (full.ui && "ui" in copy) await patch(`/v1/flows/${copy.id}`, { ui: full.ui });
  });

  return (
    <section className="flows-page">
      <div className="page-head">
        <h1>Flows</h1>
        <form className="inline" onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            const f = await post<Flow>("/v1/flows", { name: newName.trim() || "Untitled flow", triggers: [{ type: "api" }] });
            navigate(`/flows/${f.id}`);
          } catch (err) {
            setError(describeError(err));
          }
        }}>
          <label htmlFor="new-flow-name" className="sr-only">New flow name</label>
          <input id="new-flow-name" placeholder="New flow name" value={newName} onChange={(e) => setNewName(e.target.value)} />
          <button type="submit" className="primary">Create flow</button>
        </form>
      </div>
      <div className="toolbar">
        <div role="tablist" aria-label="Status" className="tabs">
          {TABS.map((t) => (
            <button key={t.id} role="tab" type="button" aria-selected={status === t.id}
              onClick={() => { setStatus(t.id); setPage(1); }}>{t.label}</button>
          ))}
        </div>
        <label>Search <input type="search" value={search} onChange={(e) => { setSearch(e.target.value); setPage(1); }} /></label>
        <label>Sort{" "}
          <select value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="updated_at:desc">Recently updated</option>
            <option value="created_at:desc">Newest</option>
            <option value="created_at:asc">Oldest</option>
            <option value="name:asc">Name A–Z</option>
            <option value="name:desc">Name Z–A</option>
          </select>
        </label>
      </div>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {notice ? <p role="status" className="notice">{notice}</p> : null}
      <table className="flows">
        <thead>
          <tr><th>Name</th><th>Status</th><th>Entered</th><th>Active</th><th>Waiting</th><th>Completed</th><th>Dropped</th><th>Failed</th><th>Updated</th><th><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {flows.map((f) => (
            <tr key={f.id}>
              <td><a href={`/flows/${f.id}`} onClick={(e) => { e.preventDefault(); navigate(`/flows/${f.id}`); }}>{f.name}</a></td>
              <td><span className={`badge ${f.status}`}>{f.status}</span>{f.version ? <span className="muted"> v{f.version}</span> : null}</td>
              <td>{f.stats.total_entered}</td><td>{f.stats.active_count}</td><td>{f.stats.waiting_count}</td>
              <td>{f.stats.completed_count}</td><td>{f.stats.dropped_count}</td><td>{f.stats.failed_count}</td>
              <td>{new Date(f.updated_at).toLocaleString()}</td>
              <td className="actions">
                <button type="button" onClick={() => duplicate(f)} aria-label={`Duplicate ${f.name}`}>Duplicate</button>
                {f.status !== "archived" ? (
                  <button type="button" onClick={() => act(`Archived “${f.name}”.`, () => post(`/v1/flows/${f.id}/archive`))}
                    aria-label={`Archive ${f.name}`}>Archive</button>
                ) : null}
                <button type="button" className="danger" aria-label={`Delete ${f.name}`} onClick={() => {
                  if (confirm(`Delete “${f.name}”? This cannot be undone.`)) void act(`Deleted “${f.name}”.`, () => del(`/v1/flows/${f.id}`));
                }}>Delete</button>
              </td>
            </tr>
          ))}
          {flows.length === 0 ? <tr><td colSpan={10} className="muted">No flows here yet.</td></tr> : null}
        </tbody>
      </table>
      {pagination && pagination.total_pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
          <span>Page {pagination.page} of {pagination.total_pages} ({pagination.total} flows)</span>
          <button type="button" disabled={page >= pagination.total_pages} onClick={() => setPage(page + 1)}>Next</button>
        </nav>
      ) : pagination ? <p className="muted">{pagination.total} flows</p> : null}
    </section>
  );
}
