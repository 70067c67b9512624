import type { AgreementRules, DeadlineRule } from '../hotline/agreement.ts';

/** The three demo parties, by the short key the demo uses everywhere (data directory, state file). */
export type DemoPartyKey = 'arden' | 'borduria' | 'lumen';

/** What the demo tells `parley init` and the operator account it creates for one party. */
export interface DemoPartySpec {
  key: DemoPartyKey;
  name: string;
  /** Data directory name under the demo directory. */
  dir: string;
  identityClass: 'organization';
  sectors: string[];
  operator: string;
  description: string;
}

/** The demo's parties in start order (their ports are base, base+1, base+2). */
export const DEMO_PARTIES: readonly DemoPartySpec[] = Object.freeze([
  Object.freeze({
    key: 'arden', name: 'CERT-Arden', dir: 'cert-arden', identityClass: 'organization', sectors: ['government-facilities'],
    operator: 'duty.arden', description: 'national CERT of the Republic of Arden',
  }),
  Object.freeze({
    key: 'borduria', name: 'CERT-Borduria', dir: 'cert-borduria', identityClass: 'organization', sectors: ['government-facilities'],
    operator: 'duty.borduria', description: 'national CERT of Borduria',
  }),
  Object.freeze({
    key: 'lumen', name: 'Lumen Systems', dir: 'lumen-systems', identityClass: 'organization', sectors: ['information-technology'],
    operator: 'duty.lumen', description: 'technology company (threat intelligence team)',
  }),
] as DemoPartySpec[]);

/** The demo party spec of a key. */
export function demoParty(key: DemoPartyKey): DemoPartySpec {
  const spec = DEMO_PARTIES.find((p) => p.key === key);
  if (!spec) throw new Error(`unknown demo party ${key}`);
  return spec;
}

// Minutes, as the agreements state them: flash is measured in minutes, routine in days.
const STATE_DEADLINES: DeadlineRule[] = [
  { kind: 'notification', priority: 'flash', acknowledge_minutes: 30, respond_minutes: 240 },
  { kind: 'notification', priority: 'urgent', acknowledge_minutes: 120, respond_minutes: 1440 },
  { kind: 'notification', priority: 'routine', acknowledge_minutes: 1440, respond_minutes: 10080 },
  { kind: 'request', priority: 'flash', acknowledge_minutes: 60, respond_minutes: 720 },
  { kind: 'request', priority: 'urgent', acknowledge_minutes: 240, respond_minutes: 2880 },
  { kind: 'request', priority: 'routine', acknowledge_minutes: 1440, respond_minutes: 10080 },
  { kind: 'consultation', priority: 'urgent', acknowledge_minutes: 240, respond_minutes: 2880 },
  { kind: 'consultation', priority: 'routine', acknowledge_minutes: 1440, respond_minutes: 10080 },
  { kind: 'advance-notice', priority: 'routine', acknowledge_minutes: 1440 },
  { kind: 'ping', priority: 'routine', acknowledge_minutes: 60, respond_minutes: 60 },
];

const COMPANY_DEADLINES: DeadlineRule[] = [
  { kind: 'notification', priority: 'flash', acknowledge_minutes: 60, respond_minutes: 480 },
  { kind: 'notification', priority: 'urgent', acknowledge_minutes: 240, respond_minutes: 2880 },
  { kind: 'notification', priority: 'routine', acknowledge_minutes: 1440, respond_minutes: 10080 },
  { kind: 'consultation', priority: 'routine', acknowledge_minutes: 1440, respond_minutes: 10080 },
  { kind: 'ping', priority: 'routine', acknowledge_minutes: 240, respond_minutes: 240 },
];

const ALL_KINDS: AgreementRules['message_kinds'] = [
  'notification', 'request', 'consultation', 'advance-notice', 'acknowledgement', 'response', 'closure', 'ping', 'ping-reply',
];

/** An agreement the demo proposes: who proposes it, who else is party, what each commits to protect, the rules. */
export interface DemoAgreementSpec {
  key: 'arden-borduria' | 'lumen-arden';
  name: string;
  description: string;
  proposer: DemoPartyKey;
  others: DemoPartyKey[];
  protectedSectors: Record<DemoPartyKey, string[]>;
  rules: AgreementRules;
}

/** The state-to-state hotline agreement and the company's notification arrangement with CERT-Arden. */
export const DEMO_AGREEMENTS: readonly DemoAgreementSpec[] = Object.freeze([
  Object.freeze({
    key: 'arden-borduria',
    name: 'Arden–Borduria cyber hotline agreement',
    description: 'Each side protects the listed critical infrastructure, answers requests about activity from its territory within the deadlines below, and checks the line monthly.',
    proposer: 'arden',
    others: ['borduria'],
    protectedSectors: {
      arden: ['energy', 'election-infrastructure', 'healthcare', 'water', 'financial-services'],
      borduria: ['energy', 'election-infrastructure', 'healthcare', 'water', 'transportation'],
      lumen: [],
    },
    rules: { message_kinds: ALL_KINDS, deadlines: STATE_DEADLINES, default_tlp: 'amber', working_languages: ['en'], communication_check_hours: 720 },
  }),
  Object.freeze({
    key: 'lumen-arden',
    name: 'Lumen Systems – CERT-Arden threat notification arrangement',
    description: 'Lumen Systems notifies CERT-Arden of threats it observes against organisations in Arden; CERT-Arden relays to the organisation and reports back.',
    proposer: 'lumen',
    others: ['arden'],
    protectedSectors: {
      arden: ['election-infrastructure', 'energy', 'government-facilities'],
      lumen: ['information-technology'],
      borduria: [],
    },
    rules: {
      message_kinds: ['notification', 'consultation', 'acknowledgement', 'response', 'closure', 'ping', 'ping-reply'],
      deadlines: COMPANY_DEADLINES, default_tlp: 'amber', working_languages: ['en'], communication_check_hours: 720,
    },
  }),
] as DemoAgreementSpec[]);
