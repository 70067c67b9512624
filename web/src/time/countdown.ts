/** A deadline countdown as shown in the console: the time left, or how long ago it passed. */
export interface Countdown {
  text: string;
  overdue: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Formats a span of whole seconds as `HH:MM:SS`, prefixed with `Nd ` when it spans a day or more. */
export function formatSpan(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86_400);
  const clock = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/**
 * The countdown to `due` at instant `nowMs`: "00:12:31" while time is left, "overdue 00:12:31" once the due
 * instant is reached (a deadline due this very second is already missed). An unreadable date yields "—".
 */
export function formatCountdown(due: string, nowMs: number): Countdown {
  const dueMs = Date.parse(due);
  if (Number.isNaN(dueMs)) return { text: '—', overdue: false };
  // Seconds left are rounded up so the display reaches 00:00:00 only when the deadline passes.
  const leftMs = dueMs - nowMs;
  if (leftMs > 0) return { text: formatSpan(Math.ceil(leftMs / 1000)), overdue: false };
  return { text: `overdue ${formatSpan(Math.floor(-leftMs / 1000))}`, overdue: true };
}

/** A readable duration for review figures: "45s", "4m 30s", "2h 05m", "3d 04h". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d ${pad(Math.floor((s % 86_400) / 3600))}h`;
}

/** A timestamp in UTC as "2026-11-23 10:04:05Z", the form duty officers compare across time zones. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}
