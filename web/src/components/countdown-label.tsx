import { formatCountdown, formatUtc } from '../time/countdown.ts';

/** A live countdown to a deadline; overdue ones turn red and say "overdue". */
export function CountdownLabel({ due, now, label }: { due: string; now: number; label?: string }) {
  const { text, overdue } = formatCountdown(due, now);
  return (
    <span class={overdue ? 'countdown overdue' : 'countdown'} title={`due ${formatUtc(due)}`}>
      {label ? <span class="countdown-label">{label} </span> : null}
      <time dateTime={due}>{text}</time>
    </span>
  );
}
