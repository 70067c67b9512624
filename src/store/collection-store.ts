/** A TAXII API root as configured on this node (TAXII 2.1 §4.2). */
export interface ApiRoot {
  /** The path segment under the server, e.g. `parley` for `/taxii2/parley/`. */
  name: string;
  title: string;
  description?: string;
  maxContentLength: number;
  isDefault: boolean;
}

/** A TAXII collection (TAXII 2.1 §5.2) as stored; rights are per account and live in the account store. */
export interface Collection {
  id: string;
  apiRoot: string;
  title: string;
  description?: string;
  mediaTypes: readonly string[];
}

/** The input to create a collection. */
export interface NewCollection {
  id?: string;
  apiRoot?: string;
  title: string;
  description?: string;
}

/** API roots and collections: the node's TAXII configuration, shared by the server and the CLI through the DB. */
export interface CollectionStore {
  apiRoots(): Promise<ApiRoot[]>;
  apiRoot(name: string): Promise<ApiRoot | undefined>;
  /** Creates or updates an API root; `isDefault` moves the default flag to it. */
  putApiRoot(root: ApiRoot): Promise<void>;
  /** Creates a collection (in the default API root unless given); fails with CONFLICT if the id exists. */
  addCollection(input: NewCollection): Promise<Collection>;
  collections(apiRoot?: string): Promise<Collection[]>;
  collection(id: string): Promise<Collection | undefined>;
}
