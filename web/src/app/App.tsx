import { useCallback, useEffect, useState } from "react";
import { api, ApiError, describeError, storedKey, storeKey } from "../lib/api";
import { navigate, useLocation } from "./router";
import { SignIn } from "./SignIn";
import { FlowsList } from "./FlowsList";
import { Builder } from "../builder/Builder";

export interface Workspace {
  id: string;
  name: string;
  timezone: string;
  key_name: string | null;
  scopes: string[];
}

/** Which workspace a key belongs to: GET /v1/workspace (any key). */
export async function loadWorkspace(key?: string): Promise<Workspace> {
  const w = await api<{ id: string; name: string; timezone: string; api_key?: { name?: string; scopes?: string[] } }>(
    "GET", "/v1/workspace", undefined, key ?? storedKey());
  return { id: w.id, name: w.name, timezone: w.timezone, key_name: w.api_key?.name ?? null, scopes: w.api_key?.scopes ?? [] };
}

export function App() {
  const [key, setKey] = useState<string | null>(() => storedKey());
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { path } = useLocation();

  const signOut = useCallback(() => {
    storeKey(null);
    setKey(null);
    setWorkspace(null);
  }, []);

  useEffect(() => {
    const on = () => signOut();
    window.addEventListener("runnel:unauthorized", on);
    return () => window.removeEventListener("runnel:unauthorized", on);
  }, [signOut]);

  useEffect(() => {
    if (!key) return;
    loadWorkspace(key).then(setWorkspace, (e) => {
      if (e instanceof ApiError && e.status === 401) signOut();
      else setError(describeError(e));
    });
  }, [key, signOut]);

  if (!key) {
    return <SignIn onSignedIn={(k, w) => { storeKey(k); setKey(k); setWorkspace(w); }} />;
  }

  const flowMatch = /^\/flows\/([^/]+)/.exec(path);
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="/" onClick={(e) => { e.preventDefault(); navigate("/"); }}>Runnel</a>
        <nav aria-label="Main">
          <a href="/" onClick={(e) => { e.preventDefault(); navigate("/"); }} aria-current={!flowMatch ? "page" : undefined}>Flows</a>
          <a href="/docs">API reference</a>
        </nav>
        <div className="workspace" data-testid="workspace">
          {workspace ? <>Workspace <strong>{workspace.name}</strong>{workspace.key_name ? <span className="muted"> · key “{workspace.key_name}”</span> : null}</> : error ?? "…"}
        </div>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      <main className="content">
        {flowMatch ? <Builder key={flowMatch[1]} flowId={flowMatch[1]} workspace={workspace} /> : <FlowsList />}
      </main>
    </div>
  );
}

