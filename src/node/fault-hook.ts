import type { InboxHandler } from '../taxii/inbox-handler.ts';

/**
 * TEST HOOK, not a feature: with `PARLEY_FAULT=die-after-store` in its environment, `parley serve` kills itself with
 * SIGKILL right after its inbox has committed an accepted message and before it answers the sender — the crash
 * window the federation fault tests need (test/faults/). Any other value, or none, leaves the inbox unchanged.
 */
export function withFaultHook(inbox: InboxHandler, fault: string | undefined): InboxHandler {
  if (fault !== 'die-after-store') return inbox;
  return {
    isInbox: (id) => inbox.isInbox(id),
    async accept(objects) {
      const result = await inbox.accept(objects);
      if (result.receipts.length > 0) process.kill(process.pid, 'SIGKILL');
      return result;
    },
  };
}
