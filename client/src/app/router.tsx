import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A small history router: the server serves index.html for every path that is not the API. */
const listeners = new Set<() => void>();
const notify = () => {
  shown = snapshot();
  listeners.forEach((l) => l());
};

/** Says whether leaving for `to` may go ahead (it may ask the person); one at a time. */
type LeaveGuard = (to: string) => boolean;
let guard: LeaveGuard | null = null;
/** the address the page shows, to go back to when the Back button is refused */
let shown = typeof window !== 'undefined' ? window.location.pathname + window.location.search : '/';

/** While set, navigate() and the Back button ask `check` first; returns the release. */
export function setLeaveGuard(check: LeaveGuard): () => void {
  guard = check;
  return () => {
    if (guard === check) guard = null;
  };
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    if (guard && !guard(snapshot())) {
      window.history.pushState(null, '', shown);
      return;
    }
    notify();
  });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, 'http://x');
  return { path: url.pathname, query: url.searchParams };
}

export function navigate(to: string, { replace = false } = {}): void {
  if (to === snapshot()) return;
  if (guard && !guard(to)) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** "/assessments/:id" against "/assessments/42" → { id: "42" }; no match → null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}
