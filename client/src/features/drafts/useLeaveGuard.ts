import { useEffect } from 'react';
import { setLeaveGuard } from '../../app/router';

/**
 * While `message` is set, leaving asks first: closing or reloading the tab (the browser's own
 * question) and in-app navigation away from `path` (a confirm with `message`). Moving within the
 * page (another criterion: the query string) asks nothing, since drafts are kept.
 */
export function useLeaveGuard(path: string, message: string | null): void {
  useEffect(() => {
    if (!message) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = message; // older browsers want it set
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const release = setLeaveGuard((to) => new URL(to, window.location.href).pathname === path || window.confirm(message));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      release();
    };
  }, [path, message]);
}
