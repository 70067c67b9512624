import { Legend } from './bar-chart.tsx';
import { niceAxis, scaleLinear } from './chart-scale.ts';

interface LineChartProps {
  title: string;
  labels: string[];
  series: { name: string; values: number[] }[];
}

const height = 220;
const left = 48;
const bottom = 40;
const top = 12;

/** Lines over days (one per series) with dots, for counts per day in the review period. */
export function LineChart({ title, labels, series }: LineChartProps) {
  const axis = niceAxis(Math.max(0, ...series.flatMap((s) => s.values)));
  const step = labels.length > 1 ? Math.max(8, Math.min(48, 640 / (labels.length - 1))) : 0;
  const width = left + step * Math.max(1, labels.length - 1) + 20;
  const plot = height - top - bottom;
  const x = (i: number) => left + 10 + i * step;
  const y = (v: number) => top + plot - scaleLinear(v, axis.max, plot);
  const every = Math.ceil(labels.length / 10);
  const summary = `${title}, ${labels[0] ?? ''} to ${labels.at(-1) ?? ''}. ` + series.map((s) => `${s.name} total ${s.values.reduce((a, b) => a + b, 0)}`).join(', ');
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <Legend series={series.map((s) => s.name)} />
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={summary}>
        {axis.ticks.map((t) => (
          <g key={t} class="tick">
            <line x1={left} x2={width - 10} y1={y(t)} y2={y(t)} />
            <text x={left - 6} y={y(t) + 4} text-anchor="end">{t}</text>
          </g>
        ))}
        {labels.map((label, i) => (i % every === 0 ? <text key={label} class="axis-label" x={x(i)} y={height - bottom + 16} text-anchor="middle">{label.slice(5)}</text> : null))}
        {series.map((s, si) => (
          <g key={s.name} class={`line series-${si}`}>
            <polyline points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
            {s.values.map((v, i) => <circle key={i} cx={x(i)} cy={y(v)} r="3"><title>{`${labels[i]}, ${s.name}: ${v}`}</title></circle>)}
          </g>
        ))}
        <line class="axis" x1={left} x2={left} y1={top} y2={top + plot} />
      </svg>
    </figure>
  );
}
