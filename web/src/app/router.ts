// A history-API router: the server answers every app path with index.html, so deep links open in place.
import { useEffect, useState } from "react";

export function navigate(to: string): void {
  if (to !== location.pathname + location.search) history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function useLocation(): { path: string; search: URLSearchParams } {
  const [loc, setLoc] = useState(() => ({ path: location.pathname, search: new URLSearchParams(location.search) }));
  useEffect(() => {
    const on = () => setLoc({ path: location.pathname, search: new URLSearchParams(location.search) });
    window.addEventListener("popstate", on);
    return () => window.removeEventListener("popstate", on);
  }, []);
  return loc;
}
