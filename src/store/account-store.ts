/** An account's rights on one collection. */
export interface CollectionRights {
  collection: string;
  canRead: boolean;
  canWrite: boolean;
}

/** An account as listed (no secrets). */
export interface Account {
  name: string;
  createdAt: string;
  rights: CollectionRights[];
}

/** Accounts with scrypt password hashes, SHA-256 token hashes and per-collection rights. */
export interface AccountStore {
  /** Creates an account; fails with CONFLICT if the name exists. */
  add(name: string, password: string, rights: readonly CollectionRights[]): Promise<void>;
  /** Adds rights to an existing account (a right already held is kept; NOT_FOUND for an unknown account or collection). */
  grant(name: string, rights: readonly CollectionRights[]): Promise<void>;
  remove(name: string): Promise<boolean>;
  list(): Promise<Account[]>;
  get(name: string): Promise<Account | undefined>;
  /** Returns the account name when the password matches, else undefined. */
  verifyPassword(name: string, password: string): Promise<string | undefined>;
  /** Creates a bearer token (returned once, stored only as its SHA-256). */
  createToken(name: string): Promise<string>;
  /** Returns the account name the token belongs to, else undefined. */
  verifyToken(token: string): Promise<string | undefined>;
}
