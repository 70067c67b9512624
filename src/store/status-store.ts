/** One entry of a status resource's successes/failures/pendings list (TAXII 2.1 §4.3.1 status-details). */
export interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

/** A TAXII status resource (TAXII 2.1 §4.3.1). */
export interface TaxiiStatus {
  id: string;
  status: 'complete' | 'pending';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  successes: StatusDetail[];
  failure_count: number;
  failures: StatusDetail[];
  pending_count: number;
  pendings: StatusDetail[];
}

/** Status resources, kept with the API root and account that created them. */
export interface StatusStore {
  /** Stores (or replaces) a status; resolves to its stored JSON text, which the POST answer can send as is. */
  save(apiRoot: string, account: string, status: TaxiiStatus): Promise<string>;
  /** Stores (or replaces) a status given as its JSON body (UTF-8), as save would have written it. */
  saveBody(apiRoot: string, account: string, id: string, body: Uint8Array): Promise<void>;
  get(apiRoot: string, id: string): Promise<{ account: string; status: TaxiiStatus } | undefined>;
}
