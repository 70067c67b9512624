import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import type { InboxHandler } from './inbox-handler.ts';
import type { EnvelopeChecker } from './ingest/envelope-checker.ts';

/** The node's discovery information (TAXII 2.1 §4.1), from `DATA/node.json` or defaults. */
export interface NodeInfo {
  title: string;
  description?: string;
  contact?: string;
}

/** What every TAXII handler can reach: the store, the body checker, node info, the request's logger, id and account. */
export interface TaxiiEnv {
  Variables: {
    store: Store;
    /** Parses and validates POST bodies (inline, or on worker threads). */
    checker: EnvelopeChecker;
    node: NodeInfo;
    log: Logger;
    requestId: string;
    account: string;
    /** The node's inbox hook (set when a hotline node serves this app). */
    inbox: InboxHandler | undefined;
  };
}
