/** The review periods an officer picks from; `custom` uses the dates typed in. */
export const periodPresets = Object.freeze(['7d', '30d', '90d', '365d', 'custom'] as const);
export type PeriodPreset = (typeof periodPresets)[number];

export interface ReviewPeriod {
  from: string;
  to: string;
}

const dayMs = 86_400_000;

/**
 * The instants a preset covers, ending now; a custom period runs from the start of its first day to the end of
 * its last day (UTC), so "from 1 Nov to 30 Nov" includes all of 30 November. Null when the dates are unusable.
 */
export function reviewPeriod(preset: PeriodPreset, nowMs: number, customFrom = '', customTo = ''): ReviewPeriod | null {
  if (preset !== 'custom') {
    const days = Number(preset.slice(0, -1));
    return { from: new Date(nowMs - days * dayMs).toISOString(), to: new Date(nowMs).toISOString() };
  }
  const from = Date.parse(`${customFrom}T00:00:00Z`);
  const to = Date.parse(`${customTo}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return null;
  return { from: new Date(from).toISOString(), to: new Date(to + dayMs - 1).toISOString() };
}

/** The query of `GET /api/review` for a period and, optionally, one counterpart. */
export function reviewPath(period: ReviewPeriod, counterpart: string): string {
  const query = new URLSearchParams({ from: period.from, to: period.to });
  if (counterpart) query.set('counterpart', counterpart);
  return `/api/review?${query.toString()}`;
}
