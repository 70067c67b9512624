import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import type { Party } from '../hotline/party.ts';
import { MerkleLog } from '../ledger/merkle-log.ts';
import type { Dispatcher, DeliveryTransport } from '../federation/delivery-transport.ts';
import { DirectDispatcher } from '../federation/direct-dispatcher.ts';
import { TaxiiDeliveryTransport } from '../federation/taxii-delivery-transport.ts';
import { NodeHotlineService, type HotlineService } from './hotline-service.ts';
import { NodeKeyring } from './node-keys.ts';
import type { NodeStore } from './node-store.ts';
import { openSqliteNodeStore } from './sqlite-node-store.ts';

export type { NodeStore } from './node-store.ts';

/** An open node (service-contract.md). */
export interface ParleyNode {
  readonly dataDir: string;
  readonly store: NodeStore;
  readonly log: MerkleLog;
  readonly self: Party;
  readonly service: HotlineService;
  readonly keyring: NodeKeyring;
  close(): Promise<void>;
}

/** Options of openNode: a clock, and the delivery parts (default: TAXII transport, direct dispatch). */
export interface OpenNodeOptions {
  now?: () => Date;
  transport?: DeliveryTransport;
  dispatcher?: (node: ParleyNode) => Dispatcher;
  /** scrypt cost for operator passwords (tests lower it). */
  passwordCost?: number;
}

/** Opens the store of `dataDir` with every module's migrations applied (no party needed). */
export function openNodeStore(dataDir: string, options: { passwordCost?: number } = {}): NodeStore {
  return openSqliteNodeStore(dataDir, options);
}

/** True when `parley init` has run in `dataDir`. */
export function isInitialised(dataDir: string): boolean {
  return existsSync(join(dataDir, 'parley.db')) && existsSync(join(dataDir, 'keys'));
}

/** Opens an initialised node: store, own party, key, log and hotline service. */
export async function openNode(dataDir: string, options: OpenNodeOptions = {}): Promise<ParleyNode> {
  if (!isInitialised(dataDir)) throw new ParleyError('NOT_FOUND', `${dataDir} is not an initialised Parley data directory (run parley init)`);
  const store = openNodeStore(dataDir, options);
  const own = await store.hotline.getOwnParty();
  if (!own) {
    await store.close();
    throw new ParleyError('NOT_FOUND', `${dataDir} has no own party (run parley init)`);
  }
  const now = options.now ?? (() => new Date());
  const keyring = new NodeKeyring(dataDir);
  const signer = keyring.signer(own, now().getTime());
  const log = new MerkleLog({ store: store.log, origin: own.id, keyId: signer.keyId, privateKey: signer.privateKey, now });
  const transport = options.transport ?? new TaxiiDeliveryTransport();
  const node: ParleyNode = {
    dataDir,
    store,
    log,
    self: own,
    keyring,
    service: undefined as unknown as HotlineService,
    close: () => store.close(),
  };
  const dispatcher = options.dispatcher?.(node) ?? new DirectDispatcher(node, transport);
  const service = new NodeHotlineService(node, dispatcher, now);
  Object.defineProperty(node, 'service', { value: service, enumerable: true });
  return node;
}
