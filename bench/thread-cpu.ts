import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// Linux reports a thread's CPU time in clock ticks of 10 ms (CLK_TCK 100 on every Linux we run on).
const TICK_MS = 10;

/**
 * CPU time (user + system, ms) of the calling thread alone, from /proc/thread-self/stat: one node's event loop
 * without the other node's thread or the helper threads. Undefined where /proc is missing.
 */
export function threadCpuMs(): number | undefined {
  return taskCpuMs('/proc/thread-self/stat');
}

function taskCpuMs(path: string): number | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    // Fields after the command name (which may hold spaces) start at "state": utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** This thread's Linux task id (from the /proc/thread-self link), to tell its row apart in processThreadsCpuMs. */
export function threadTaskId(): number | undefined {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return undefined;
  }
}

/** CPU time (ms) of every thread of this process so far, by task id; undefined where /proc is missing. */
export function processThreadsCpuMs(): Map<number, number> | undefined {
  try {
    const cpu = new Map<number, number>();
    for (const task of readdirSync('/proc/self/task')) {
      // A thread may end between the listing and the read: it is left out.
      const ms = taskCpuMs(`/proc/self/task/${task}/stat`);
      if (ms !== undefined) cpu.set(Number(task), ms);
    }
    return cpu;
  } catch {
    return undefined;
  }
}

/** CPU per unit of work between two processThreadsCpuMs snapshots: this thread, the `client` thread, all others. */
export interface CpuSplit { self: number; client: number; others: number }

/** Splits the CPU spent between `before` and `after` over `units`; undefined where /proc is missing. */
export function cpuSplit(before: Map<number, number> | undefined, after: Map<number, number> | undefined, units: number, client?: number): CpuSplit | undefined {
  const self = threadTaskId();
  if (!before || !after || self === undefined) return undefined;
  const split = { self: 0, client: 0, others: 0 };
  for (const [task, ms] of after) {
    const spent = (ms - (before.get(task) ?? 0)) / units;
    if (task === self) split.self += spent;
    else if (task === client) split.client += spent;
    else split.others += spent;
  }
  return split;
}
