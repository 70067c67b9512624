import type { StixObject } from '../hotline/evidence.ts';
import type { ComposeDraft } from '../node/hotline-service.ts';
import type { DemoPartyKey } from './scenario-parties.ts';
import { electionThreatEvidence, pipelineRansomwareEvidence } from './scenario-evidence.ts';

export { DEMO_AGREEMENTS, DEMO_PARTIES, demoParty, type DemoAgreementSpec, type DemoPartyKey, type DemoPartySpec } from './scenario-parties.ts';

/** What a step can look up: party ids and the messages earlier steps produced. */
export interface ScenarioContext {
  party(key: DemoPartyKey): string;
  message(step: string): string;
  at(): string;
  /** The STIX objects an earlier step's message carried (read back from the acting node's store). */
  evidence(step: string): Promise<StixObject[]>;
}

/** One operation of the scenario: what an operator of `actor` does (a hotline service command of its node). */
export type ScenarioOperation =
  | { op: 'compose'; request: (ctx: ScenarioContext) => Promise<ComposeDraft> }
  | { op: 'acknowledge'; target: string; body: string }
  | { op: 'respond'; target: string; body: string; findings?: string; actions_taken?: string }
  | { op: 'close'; target: string; outcome: 'resolved' | 'mitigated' | 'unresolved' | 'withdrawn'; body: string }
  | { op: 'ping'; party: DemoPartyKey }
  | { op: 'answer-ping'; target: string; body: string };

/** A named step; later steps refer to the message a step produced by its name. */
export interface ScenarioStep {
  name: string;
  actor: DemoPartyKey;
  /** The party whose node must hold the message before the next step runs. */
  awaitAt: DemoPartyKey[];
  operation: ScenarioOperation;
}

/** The two seed scenarios and the communication check, in the order the demo plays them. */
export const SCENARIO_STEPS: readonly ScenarioStep[] = Object.freeze([
  // (a) A technology company warns a national CERT that state-backed hackers target an organisation in its country.
  {
    name: 'election-notification', actor: 'lumen', awaitAt: ['arden'],
    operation: {
      op: 'compose',
      request: async (ctx) => {
        const { incident, objects } = electionThreatEvidence({ createdBy: ctx.party('lumen'), at: ctx.at() });
        return {
          kind: 'notification', to: [ctx.party('arden')], priority: 'urgent', tlp: 'amber', language: 'en',
          subject: 'State-backed group targeting the Arden Electoral Commission',
          body: 'On behalf of the Arden Electoral Commission (our customer): since 02:00 UTC we see the GREY HERON intrusion set, '
            + 'which we attribute to a state-backed group, register look-alike domains of the Commission and send '
            + 'spear-phishing to its election officials. Indicators attached (TLP:AMBER). Please relay to the Commission '
            + 'and tell us whether you see the same infrastructure.',
          fields: { sector: 'election-infrastructure', severity: 'high', incident_ref: incident.id }, evidence: objects,
        };
      },
    },
  },
  {
    name: 'election-acknowledgement', actor: 'arden', awaitAt: ['lumen'],
    operation: { op: 'acknowledge', target: 'election-notification', body: 'Received by the CERT-Arden duty officer; relaying to the Electoral Commission now.' },
  },
  // (b) One state's CERT notifies another of a ransomware attack on critical infrastructure and asks for action.
  {
    name: 'pipeline-notification', actor: 'arden', awaitAt: ['borduria'],
    operation: {
      op: 'compose',
      request: async (ctx) => {
        const { incident, objects } = pipelineRansomwareEvidence({ createdBy: ctx.party('arden'), at: ctx.at() });
        return {
          kind: 'notification', to: [ctx.party('borduria')], priority: 'flash', tlp: 'amber', language: 'en',
          subject: 'Ransomware attack on the Arden North fuel pipeline',
          body: 'The operator of the Arden North fuel pipeline was hit by NIGHTFALL ransomware at 04:10 UTC; flow is stopped. '
            + 'Energy is a protected sector under our agreement. The gang\'s command-and-control, leak site and payment portal '
            + 'are hosted in your jurisdiction (indicators attached). A request for action follows in this thread.',
          fields: { sector: 'energy', severity: 'critical', incident_ref: incident.id }, evidence: objects,
        };
      },
    },
  },
  {
    name: 'pipeline-acknowledgement', actor: 'borduria', awaitAt: ['arden'],
    operation: { op: 'acknowledge', target: 'pipeline-notification', body: 'Received; CERT-Borduria duty officer is on it.' },
  },
  {
    name: 'pipeline-request', actor: 'arden', awaitAt: ['borduria'],
    operation: {
      op: 'compose',
      request: async (ctx) => {
        // The same indicators as the notification carried: the gang's servers, not the locker binary.
        const gangInfrastructure = (await ctx.evidence('pipeline-notification'))
          .filter((o) => o.type === 'indicator' && typeof o.name === 'string' && /server|site|portal/.test(o.name));
        return {
          kind: 'request', to: [ctx.party('borduria')], in_reply_to: ctx.message('pipeline-notification'), priority: 'flash', tlp: 'amber',
          language: 'en', subject: 'Request for action against NIGHTFALL infrastructure in Borduria',
          body: 'We ask CERT-Borduria to act against the servers below, hosted by providers in Borduria.',
          fields: {
            request_type: 'action',
            requested_action: 'Have 198.51.100.23 and 198.51.100.24 taken offline by their hosting provider, '
              + 'suspend nightfall-leaks.example.org and pay-recover.example.com, and preserve disk images for law enforcement.',
          },
          evidence: gangInfrastructure,
        };
      },
    },
  },
  {
    name: 'pipeline-request-acknowledgement', actor: 'borduria', awaitAt: ['arden'],
    operation: { op: 'acknowledge', target: 'pipeline-request', body: 'Request received; contacting the hosting providers.' },
  },
  {
    name: 'pipeline-response', actor: 'borduria', awaitAt: ['arden'],
    operation: {
      op: 'respond', target: 'pipeline-request', body: 'Action taken as requested.',
      findings: 'Both servers were rented at a Borduria hosting provider with stolen payment cards two weeks ago; the leak site '
        + 'already lists the pipeline operator.',
      actions_taken: 'The provider null-routed 198.51.100.23 and 198.51.100.24 at 06:55 UTC and preserved disk images; the '
        + 'registrar suspended nightfall-leaks.example.org and pay-recover.example.com. Case opened with the Borduria police.',
    },
  },
  {
    name: 'pipeline-closure', actor: 'arden', awaitAt: ['borduria'],
    operation: { op: 'close', target: 'pipeline-response', outcome: 'mitigated', body: 'Thank you. The leak site is down; we close this thread.' },
  },
  // The regular communication check: a ping a person answers.
  { name: 'check-ping', actor: 'arden', awaitAt: ['borduria'], operation: { op: 'ping', party: 'borduria' } },
  {
    name: 'check-ping-reply', actor: 'borduria', awaitAt: ['arden'],
    operation: { op: 'answer-ping', target: 'check-ping', body: 'CERT-Borduria duty desk here; line checked.' },
  },
] as ScenarioStep[]);

/** How each thread must look once the scenarios ran (checked by the demo test; shown in docs/demo.md). */
export const EXPECTED_THREADS = Object.freeze({
  election: { opener: 'election-notification', state: 'acknowledged', messages: 2 },
  pipeline: { opener: 'pipeline-notification', state: 'closed', messages: 6 },
  check: { opener: 'check-ping', state: 'answered', messages: 2 },
});
