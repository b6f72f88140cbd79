import { useState } from "react";
import { describeError } from "../lib/api";
import { loadWorkspace, type Workspace } from "./App";

export function SignIn({ onSignedIn }: { onSignedIn: (key: string, w: Workspace) => void }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="signin">
      <form
        className="card"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const trimmed = key.trim();
            if (trimmed.startsWith("rk_public_")) throw new Error("That is a public key. Sign in with a secret key (rk_secret_…).");
            const w = await loadWorkspace(trimmed);
            onSignedIn(trimmed, w);
          } catch (err) {
            setError(describeError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1>Sign in to Runnel</h1>
        <p className="muted">Use a secret API key of your workspace. It is kept in this browser tab only (session storage) and sent as a bearer token.</p>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)}
          placeholder="rk_secret_…" required autoFocus />
        {error ? <p role="alert" className="error">{error}</p> : null}
        <button type="submit" className="primary" disabled={busy || !key.trim()}>{busy ? "Checking…" : "Sign in"}</button>
      </form>
    </main>
  );
}
