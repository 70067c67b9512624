import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import type { Party } from '../hotline/party.ts';
import { MerkleLog } from '../ledger/merkle-log.ts';
import type { Dispatcher, DeliveryTransport } from '../federation/delivery-transport.ts';
import { DirectDispatcher } from '../federation/direct-dispatcher.ts';
import { TaxiiDeliveryTransport } from '../federation/taxii-delivery-transport.ts';
import type { HotlineStore } from '../store/hotline-store.ts';
import type { LogStore } from '../store/log-store.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { SqliteHotlineStore, hotlineMigrations } from '../store/sqlite/sqlite-hotline-store.ts';
import { SqliteLogStore, logMigrations } from '../store/sqlite/sqlite-log-store.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { NodeHotlineService, type HotlineService } from './hotline-service.ts';
import { NodeKeyring } from './node-keys.ts';
import { nodeMigrations } from './node-migrations.ts';
import { NodeRecords } from './node-records.ts';
import { nodeDeliveries, type NodeDeliveries } from './node-deliveries.ts';
import { outboxMigrations } from '../store/sqlite/outbox-migrations.ts';

/** The node's stores on one SQLite handle: TAXII, hotline, ledger, the node runtime's own records and the outbox's deliveries. */
export type NodeStore = SqliteStore & { hotline: HotlineStore; log: LogStore; records: NodeRecords; outbox: NodeDeliveries };

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
  /** Checkpoint the WAL on a worker thread (the serving node); see openSqliteStore. */
  backgroundCheckpoints?: boolean;
}

/** Opens the store of `dataDir` with every module's migrations applied (no party needed). */
export function openNodeStore(dataDir: string, options: { passwordCost?: number; backgroundCheckpoints?: boolean } = {}): NodeStore {
  const base = openSqliteStore(dataDir, { backgroundCheckpoints: options.backgroundCheckpoints ?? false });
  migrate(base.sqlite, [logMigrations, hotlineMigrations, nodeMigrations, outboxMigrations]);
  const hotline = new SqliteHotlineStore(base.sqlite, options.passwordCost === undefined ? {} : { passwordCost: options.passwordCost });
  return Object.freeze({ ...base, hotline, log: new SqliteLogStore(base.sqlite), records: new NodeRecords(base.sqlite), outbox: nodeDeliveries(base.sqlite) });
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
