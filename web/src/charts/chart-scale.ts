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
