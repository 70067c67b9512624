import type { Logger } from 'pino';
import type { LeaseEvent } from './leased-job.ts';

/** Writes lease events to the node's JSON log: `lease acquired`/`lease released` (info), `lease lost` (warn), `lease error` (error). */
export function leaseEventLogger(logger: Logger): (event: LeaseEvent) => void {
  return (e) => {
    switch (e.event) {
      case 'acquired':
        return logger.info({ lease: e.lease, holder: e.holder, ...(e.replaced ? { replaced: e.replaced } : {}) }, 'lease acquired');
      case 'released':
        return logger.info({ lease: e.lease, holder: e.holder }, 'lease released');
      case 'lost':
        return logger.warn({ lease: e.lease, holder: e.holder, reason: e.reason }, 'lease lost');
      case 'error':
        return logger.error({ lease: e.lease, holder: e.holder, err: e.error }, 'lease error');
    }
  };
}
