/** A value axis: its upper bound and the tick values to label, all "nice" numbers (1, 2, 5 × 10^n steps). */
export interface Axis {
  max: number;
  ticks: number[];
}

/** The axis for values from 0 to `maxValue`, with about `count` ticks. */
export function niceAxis(maxValue: number, count = 5): Axis {
  if (!Number.isFinite(maxValue) || maxValue <= 0) return { max: 1, ticks: [0, 1] };
  const rough = maxValue / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const max = Math.ceil(maxValue / step) * step;
  const ticks: number[] = [];
  // Rounding keeps decimal steps like 0.2 from printing as 0.6000000000000001.
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { max, ticks };
}

/** Maps a value in [0, max] to a pixel offset in [0, length]. */
export function scaleLinear(value: number, max: number, length: number): number {
  return max <= 0 ? 0 : (Math.max(0, value) / max) * length;
}

/** Steps a duration axis may use, in seconds: whole minutes, hours and days read better than 2000 s. */
const durationSteps = Object.freeze([1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800]);

/** An axis for durations in seconds, with ticks on whole minutes, hours or days. */
export function durationAxis(maxSeconds: number, count = 5): Axis {
  if (!Number.isFinite(maxSeconds) || maxSeconds <= 0) return { max: 60, ticks: [0, 60] };
  const rough = maxSeconds / count;
  const step = durationSteps.find((s) => s >= rough) ?? Math.ceil(rough / 604_800) * 604_800;
  const max = Math.ceil(maxSeconds / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return { max, ticks };
}
