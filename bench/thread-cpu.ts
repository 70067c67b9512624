import { readFileSync } from 'node:fs';

// Linux reports a thread's CPU time in clock ticks of 10 ms (CLK_TCK 100 on every Linux we run on).
const TICK_MS = 10;

/**
 * CPU time (user + system, ms) of the calling thread alone, from /proc/thread-self/stat: one node's event loop
 * without the other node's thread or the helper threads. Undefined where /proc is missing.
 */
export function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at "state": utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}
