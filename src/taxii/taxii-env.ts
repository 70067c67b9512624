import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import type { InboxHandler } from './inbox-handler.ts';

/** The node's discovery information (TAXII 2.1 §4.1), from `DATA/node.json` or defaults. */
export interface NodeInfo {
  title: string;
  description?: string;
  contact?: string;
}

/** What every TAXII handler can reach: the store, node info, the request's logger, id and account. */
export interface TaxiiEnv {
  Variables: {
    store: Store;
    node: NodeInfo;
    log: Logger;
    requestId: string;
    account: string;
    /** The node's inbox hook (set when a hotline node serves this app). */
    inbox: InboxHandler | undefined;
  };
}
