/**
 * How `parley migrate` copies one SQLite table into PostgreSQL. Columns are converted by the PostgreSQL column's
 * type (see convert-value.ts); a plan only names what differs from a plain row-for-row copy.
 */
export interface TablePlan {
  readonly table: string;
  /** The migration module that creates the table (its schema versions must agree on both sides). */
  readonly module: string;
  /** ORDER BY of the source read: insertion order matters where PostgreSQL numbers rows itself. */
  readonly order: string;
  /**
   * Rows opening the PostgreSQL store seeds (the node secret, the default API root, the log's size row): the copy
   * replaces them on this key instead of failing on the conflict.
   */
  readonly upsertOn?: readonly string[];
  /** Identity columns PostgreSQL has and SQLite lacks (SQLite keeps the order in its rowid): generated anew. */
  readonly targetOnly?: readonly string[];
}

const plan = (table: string, module: string, extra: Partial<Omit<TablePlan, 'table' | 'module'>> = {}): TablePlan =>
  Object.freeze({ table, module, order: 'rowid', ...extra });

/**
 * Every table `parley migrate` copies, parents before children (foreign keys). `taxii_clock` is not here: SQLite
 * keeps one node-wide clock row, PostgreSQL one per collection, so it is rebuilt (see copy-tables.ts).
 */
export const TABLE_PLANS: readonly TablePlan[] = Object.freeze([
  plan('taxii_node', 'taxii', { order: 'key', upsertOn: ['key'] }),
  plan('taxii_api_roots', 'taxii', { order: 'name', upsertOn: ['name'] }),
  plan('taxii_collections', 'taxii', { order: 'seq' }),
  plan('taxii_objects', 'taxii', { order: 'date_added' }),
  plan('taxii_accounts', 'taxii'),
  plan('taxii_tokens', 'taxii'),
  plan('taxii_rights', 'taxii'),
  plan('taxii_statuses', 'taxii'),
  plan('ledger_entries', 'ledger', { order: 'idx' }),
  plan('ledger_nodes', 'ledger', { order: 'level, idx' }),
  plan('ledger_state', 'ledger', { order: 'id', upsertOn: ['id'] }),
  plan('ledger_checkpoints', 'ledger', { order: 'seq' }),
  plan('hotline_parties', 'hotline'),
  plan('hotline_agreements', 'hotline'),
  plan('hotline_messages', 'hotline', { order: 'seq' }),
  plan('hotline_deadlines', 'hotline'),
  plan('hotline_regulatory_clocks', 'hotline'),
  plan('hotline_operators', 'hotline'),
  plan('node_state', 'node'),
  plan('node_credentials', 'node'),
  plan('node_evidence', 'node'),
  plan('node_receipts_issued', 'node'),
  plan('node_receipts_held', 'node', { targetOnly: ['seq'] }),
  plan('node_deliveries', 'node'),
  plan('outbox_deliveries', 'federation', { order: 'seq' }),
  plan('federation_pending', 'federation', { order: 'arrival' }),
  plan('federation_pull_cursors', 'federation'),
  plan('api_sessions', 'api'),
  plan('node_party_accounts', 'party-links'),
  plan('node_party_delivery', 'party-links'),
]);

/**
 * Source tables that are not data of their own: the clock (rebuilt), schema versions (compared), the job leases of
 * running instances (held by processes of the old store; the new store's instances take them afresh), the directory
 * revision (a token the new store's triggers change as the parties and agreements are copied), SQLite's own.
 */
export const NOT_COPIED = Object.freeze(['taxii_clock', 'schema_migrations', 'leases', 'hotline_directory']);

/** True for SQLite's internal tables (sqlite_sequence, sqlite_stat1, …). */
export const isSqliteInternal = (table: string): boolean => table.startsWith('sqlite_');
