import { useEffect } from 'preact/hooks';

/** Calls `reload` every `intervalMs` while the page is shown: messages from other nodes arrive at any time. */
export function useRefreshEvery(reload: () => void, intervalMs: number): void {
  useEffect(() => {
    const timer = setInterval(reload, intervalMs);
    return () => clearInterval(timer);
  }, [reload, intervalMs]);
}
