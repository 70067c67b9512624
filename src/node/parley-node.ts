import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import type { Party } from '../hotline/party.ts';
import { MerkleLog } from '../ledger/merkle-log.ts';
import { ObjectDigests } from '../ledger/object-digests.ts';
import type { Dispatcher, DeliveryTransport } from '../federation/delivery-transport.ts';
import { DirectDispatcher } from '../federation/direct-dispatcher.ts';
import { TaxiiDeliveryTransport } from '../federation/taxii-delivery-transport.ts';
import { CommitGroup } from './commit-group.ts';
import { NodeHotlineService, type HotlineService } from './hotline-service.ts';
import { nodeDatabase } from './node-database.ts';
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
  /** Digests of the signed messages this node handles, computed once each (the log entry, then the receipt check). */
  readonly digests: ObjectDigests;
  /** The group commit the node's sent messages and filed receipts go through (one transaction for concurrent writes). */
  readonly commits: CommitGroup;
  close(): Promise<void>;
}

/** Options of openNodeStore: which database (overriding DATA/node.json), scrypt cost, WAL checkpoints. */
export interface OpenNodeStoreOptions {
  /** postgres://… or sqlite://DIR; overrides the `database` recorded in DATA/node.json. */
  database?: string;
  /** scrypt cost for operator passwords (tests lower it). */
  passwordCost?: number;
  /** Checkpoint the WAL on a worker thread (the serving node, SQLite only); see openSqliteStore. */
  backgroundCheckpoints?: boolean;
}

/** Options of openNode: a clock, and the delivery parts (default: TAXII transport, direct dispatch). */
export interface OpenNodeOptions extends OpenNodeStoreOptions {
  now?: () => Date;
  transport?: DeliveryTransport;
  dispatcher?: (node: ParleyNode) => Dispatcher;
}

/**
 * Opens the store of `dataDir` with every module's migrations applied (no party needed): PostgreSQL when
 * `options.database` or DATA/node.json's `database` names it, else SQLite in DATA/parley.db. The keys (and the key
 * that seals counterpart passwords) stay in DATA/keys whatever the backend.
 */
export async function openNodeStore(dataDir: string, options: OpenNodeStoreOptions = {}): Promise<NodeStore> {
  const location = nodeDatabase(dataDir, options.database);
  const cost = options.passwordCost === undefined ? {} : { passwordCost: options.passwordCost };
  if (location?.kind === 'postgres') {
    // Loaded on demand, so that commands on the SQLite default do not pay for the PostgreSQL driver at start-up.
    const { openPostgresNodeStore } = await import('./postgres-node-store.ts');
    return openPostgresNodeStore(location.url, { ...cost, dataDir });
  }
  const dir = location?.dir ?? dataDir;
  return openSqliteNodeStore(dir, { ...cost, backgroundCheckpoints: options.backgroundCheckpoints ?? false, ...(dir === dataDir ? {} : { keysDir: dataDir }) });
}

/** True when `parley init` has run in `dataDir`: its keys exist, and its store is DATA/parley.db or a recorded (or given) database. */
export function isInitialised(dataDir: string, database?: string): boolean {
  if (!existsSync(join(dataDir, 'keys'))) return false;
  return existsSync(join(dataDir, 'parley.db')) || nodeDatabase(dataDir, database) !== undefined;
}

/** Opens an initialised node: store, own party, key, log and hotline service. */
export async function openNode(dataDir: string, options: OpenNodeOptions = {}): Promise<ParleyNode> {
  if (!isInitialised(dataDir, options.database)) throw new ParleyError('NOT_FOUND', `${dataDir} is not an initialised Parley data directory (run parley init)`);
  const store = await openNodeStore(dataDir, options);
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
    digests: new ObjectDigests(),
    commits: new CommitGroup((work) => store.transaction(work)),
    service: undefined as unknown as HotlineService,
    close: () => store.close(),
  };
  const dispatcher = options.dispatcher?.(node) ?? new DirectDispatcher(node, transport);
  const service = new NodeHotlineService(node, dispatcher, now);
  Object.defineProperty(node, 'service', { value: service, enumerable: true });
  return node;
}
