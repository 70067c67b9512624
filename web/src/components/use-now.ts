import { useEffect, useState } from 'preact/hooks';

/** The current time in milliseconds, updated every `intervalMs` (one second for the deadline countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
