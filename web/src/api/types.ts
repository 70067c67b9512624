/**
 * The JSON shapes of the node's `/api/` as fixed in the API contract (docs/console.md lists the few optional
 * fields the console reads when present and copes without).
 */

export type Priority = 'routine' | 'urgent' | 'flash';
export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
export type ThreadState = 'open' | 'acknowledged' | 'answered' | 'closed';
export type DeadlineKind = 'acknowledge' | 'respond' | 'regulatory';
export type Role = 'duty-officer' | 'supervisor' | 'administrator';

/** A STIX object as the console sees it: a type, an id and whatever else its type defines. */
export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

export interface PartyRef {
  id: string;
  name: string;
}

export interface Operator {
  name: string;
  role: Role;
}

export interface SessionAnswer {
  token: string;
  operator: Operator;
}

export interface NextDeadline {
  kind: DeadlineKind;
  label: string;
  due: string;
  overdue: boolean;
}

export interface ThreadSummary {
  thread_id: string;
  subject: string;
  kind: string;
  counterpart: PartyRef;
  priority: Priority;
  tlp: Tlp;
  state: ThreadState;
  last_activity: string;
  message_count: number;
  next_deadline: NextDeadline | null;
}

export interface Checkpoint {
  tree_size: number;
  root_hash: string;
  timestamp: string;
  origin: string;
  signature: string;
}

export interface Receipt {
  received_at: string;
  checkpoint: Checkpoint;
  leaf_index: number;
  inclusion_verified: boolean;
}

export interface Delivery {
  state: string;
  attempts: number;
  last_error: string | null;
}

/** The signed x-parley-message object; kind-specific fields are optional. */
export interface ParleyMessage extends StixObject {
  created: string;
  kind: string;
  thread_id: string;
  in_reply_to?: string;
  sender_ref: string;
  recipient_refs: string[];
  priority: Priority;
  tlp?: Tlp;
  language?: string;
  subject?: string;
  body?: string;
  sector?: string;
  severity?: string;
  incident?: string;
  request_type?: string;
  asked_action?: string;
  findings?: string;
  actions_taken?: string;
  outcome?: string;
  planned_start?: string;
  planned_end?: string;
}

export interface MessageView {
  message: ParleyMessage;
  direction: 'sent' | 'received';
  signature_verified: boolean;
  receipt: Receipt | null;
  evidence: StixObject[];
  delivery: Delivery | null;
}

export interface Deadline {
  id: string;
  message_id: string;
  thread_id: string;
  counterpart: PartyRef;
  kind: DeadlineKind;
  label: string;
  due: string;
  state: 'open' | 'met' | 'overdue' | 'escalated';
  met_at: string | null;
  escalated_at: string | null;
}

export interface ThreadDetail {
  thread: ThreadSummary;
  messages: MessageView[];
  deadlines: Deadline[];
}

export interface EvidenceRef {
  collection_id: string;
  object_id: string;
}

export interface ComposeRequest {
  kind: string;
  to: string[];
  thread_id?: string;
  in_reply_to?: string;
  priority: Priority;
  tlp: Tlp;
  language: string;
  subject: string;
  body: string;
  sector?: string;
  severity?: string;
  /** Not in the contract's ComposeRequest (only in the message): the notification's incident summary. */
  incident?: string;
  request_type?: string;
  asked_action?: string;
  planned_start?: string;
  planned_end?: string;
  evidence?: StixObject[];
  evidence_refs?: EvidenceRef[];
}

export interface PartyKey {
  key_id: string;
  public_key: string;
  valid_from: string;
  valid_until: string | null;
}

export interface PointOfContact {
  name: string;
  role: string;
  languages: string[];
  hours: string;
  time_zone: string;
  email: string;
  phone: string;
}

/** One communication check; the contract has only the aggregate, so the console shows this list when present. */
export interface CheckRecord {
  sent_at: string;
  answered_at: string | null;
}

export interface PartyChecks {
  sent: number;
  answered: number;
  response_rate: number;
  last_sent_at: string | null;
  last_answered_at: string | null;
  median_answer_seconds: number | null;
  history?: CheckRecord[];
}

export interface PartyView {
  id: string;
  name: string;
  identity_class: string;
  sectors?: string[];
  node: { api_root: string; inbox_collection: string };
  keys: PartyKey[];
  points_of_contact: PointOfContact[];
  is_self: boolean;
  checks: PartyChecks;
  dormant: boolean;
}

export interface DeadlineRule {
  kind: string;
  priority: Priority;
  acknowledge_seconds: number;
  respond_seconds: number;
}

export interface AgreementView {
  id: string;
  version: number;
  title: string;
  parties: PartyRef[];
  protected_sectors: string[];
  /** Not in the contract: free-text commitments, shown when the node sends them. */
  commitments?: string[];
  rules: {
    kinds: string[];
    deadlines: DeadlineRule[];
    default_tlp: Tlp;
    languages: string[];
    check_interval_seconds: number;
  };
  signatures: { party_id: string; signed_at: string; key_id: string; verified: boolean }[];
  in_force: boolean;
  versions: { version: number; modified: string; in_force: boolean }[];
}

export interface DurationStats {
  median: number | null;
  p90: number | null;
  values: number[];
}

export interface CounterpartReview {
  id: string;
  name: string;
  messages_sent: number;
  messages_received: number;
  acknowledge_seconds: DurationStats;
  respond_seconds: DurationStats;
  deadlines: { met: number; missed: number; open: number };
  checks: { sent: number; answered: number; rate: number };
}

export interface ReviewDay {
  day: string;
  acknowledged: number;
  answered: number;
  met: number;
  missed: number;
}

export interface ReviewReport {
  from: string;
  to: string;
  counterparts: CounterpartReview[];
  series: ReviewDay[];
}

export interface CollectionInfo {
  id: string;
  title: string;
  description?: string;
}

export interface NodeInfo {
  party: PartyView;
  api_root: string;
  inbox_collection: string;
  console_url: string;
}
