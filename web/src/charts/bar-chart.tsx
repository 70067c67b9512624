import { niceAxis, scaleLinear, type Axis } from './chart-scale.ts';

export interface BarGroup {
  label: string;
  values: (number | null)[];
}

interface BarChartProps {
  title: string;
  series: string[];
  groups: BarGroup[];
  format: (value: number) => string;
  /** How to choose the value axis; counts by default, `durationAxis` for seconds. */
  axisFor?: (max: number) => Axis;
}

const height = 220;
const left = 64;
const bottom = 40;
const top = 12;

/** Grouped vertical bars, one group per counterpart and one bar per series; missing values leave a gap. */
export function BarChart({ title, series, groups, format, axisFor = niceAxis }: BarChartProps) {
  const values = groups.flatMap((g) => g.values.filter((v): v is number => v !== null));
  const axis = axisFor(Math.max(0, ...values));
  const groupWidth = Math.max(110, series.length * 24 + 20);
  const labelChars = Math.floor(groupWidth / 7);
  const width = left + Math.max(1, groups.length) * groupWidth + 10;
  const plot = height - top - bottom;
  const barWidth = (groupWidth - 20) / series.length;
  const summary = `${title}. ` + groups.map((g) => `${g.label}: ${g.values.map((v, i) => `${series[i]} ${v === null ? 'none' : format(v)}`).join(', ')}`).join('; ');
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <Legend series={series} />
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={summary}>
        {axis.ticks.map((t) => {
          const y = top + plot - scaleLinear(t, axis.max, plot);
          return (
            <g key={t} class="tick">
              <line x1={left} x2={width - 10} y1={y} y2={y} />
              <text x={left - 6} y={y + 4} text-anchor="end">{format(t)}</text>
            </g>
          );
        })}
        {groups.map((group, gi) => (
          <g key={group.label}>
            {group.values.map((value, si) => {
              if (value === null) return null;
              const h = scaleLinear(value, axis.max, plot);
              return (
                <rect key={si} class={`series-${si}`} x={left + gi * groupWidth + 10 + si * barWidth} y={top + plot - h} width={barWidth - 2} height={h}>
                  <title>{`${group.label}, ${series[si]}: ${format(value)}`}</title>
                </rect>
              );
            })}
            <text class="axis-label" x={left + gi * groupWidth + groupWidth / 2} y={height - bottom + 16} text-anchor="middle">
              {group.label.length > labelChars ? group.label.slice(0, labelChars - 1) + '…' : group.label}
            </text>
          </g>
        ))}
        <line class="axis" x1={left} x2={left} y1={top} y2={top + plot} />
      </svg>
    </figure>
  );
}

/** The colour key shared by the charts. */
export function Legend({ series }: { series: string[] }) {
  return (
    <ul class="legend">
      {series.map((name, i) => <li key={name}><span class={`swatch series-${i}`} aria-hidden="true" />{name}</li>)}
    </ul>
  );
}
