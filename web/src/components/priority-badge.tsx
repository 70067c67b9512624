import type { Priority } from '../api/types.ts';

/** The message priority; flash and urgent are marked so they catch the eye in a long list. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span class={`priority priority-${priority}`}>{priority}</span>;
}
