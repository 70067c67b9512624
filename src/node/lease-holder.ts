import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Whether a lease holder id (`hostname:pid:random`) names a process of this host that no longer exists: such a
 * lease (left by a kill -9 or a crash) can be taken over at once instead of after its TTL. Any doubt (another
 * host, our own pid, a process we may not signal) counts as alive. Instances sharing a store must not share a
 * hostname unless they share the process table too.
 */
export function isDeadLocalHolder(holder: string, host = hostname()): boolean {
  const parts = holder.split(':');
  if (parts.length < 3) return false;
  const pid = Number(parts.at(-2));
  if (parts.slice(0, -2).join(':') !== host || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A holder id unique to this process: `hostname:pid:random`. */
export function instanceHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
