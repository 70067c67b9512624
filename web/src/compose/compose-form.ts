import type { AgreementView, ComposeRequest, PartyView, Priority, Tlp } from '../api/types.ts';
import { evidencePayload, type PickedEvidence } from '../stix/evidence-selection.ts';

/** The message kinds an officer opens a thread with, and what the form asks for each. */
export const composeKinds = Object.freeze(['notification', 'request', 'advance-notice', 'consultation', 'ping'] as const);
export type ComposeKind = (typeof composeKinds)[number];

export const requestTypes = Object.freeze(['information', 'assistance', 'action'] as const);
export const severities = Object.freeze(['low', 'medium', 'high', 'critical'] as const);
export const priorities: readonly Priority[] = Object.freeze(['routine', 'urgent', 'flash']);
export const tlps: readonly Tlp[] = Object.freeze(['clear', 'green', 'amber', 'amber+strict', 'red']);

/** The compose form's fields as typed; dates are `datetime-local` values in the officer's time zone. */
export interface ComposeForm {
  kind: ComposeKind;
  to: string[];
  threadId: string;
  priority: Priority;
  tlp: Tlp;
  language: string;
  subject: string;
  body: string;
  sector: string;
  severity: string;
  incident: string;
  requestType: string;
  askedAction: string;
  plannedStart: string;
  plannedEnd: string;
  evidence: PickedEvidence[];
}

export type ComposeCheck = { ok: true; request: ComposeRequest } | { ok: false; error: string };

/** A `datetime-local` value as an ISO instant, or null when empty or unreadable. */
export function localToIso(value: string): string | null {
  if (value.trim() === '') return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Checks the form for what its kind requires and builds the ComposeRequest of the contract. Ping carries no
 * text; the console sends it through `POST /api/parties/:id/ping`, but the same checks apply.
 */
export function buildComposeRequest(form: ComposeForm): ComposeCheck {
  const fail = (error: string): ComposeCheck => ({ ok: false, error });
  if (form.to.length === 0) return fail('Choose at least one recipient.');
  if (form.kind !== 'ping' && form.subject.trim() === '') return fail('A subject is required.');
  const request: ComposeRequest = {
    kind: form.kind,
    to: [...form.to],
    priority: form.priority,
    tlp: form.tlp,
    language: form.language.trim() || 'en',
    subject: form.subject.trim(),
    body: form.body.trim(),
  };
  if (form.threadId) request.thread_id = form.threadId;
  switch (form.kind) {
    case 'notification':
      if (!form.sector.trim()) return fail('A notification needs the affected sector.');
      if (!form.severity) return fail('A notification needs a severity.');
      if (!form.incident.trim()) return fail('A notification needs an incident summary.');
      Object.assign(request, { sector: form.sector.trim(), severity: form.severity, incident: form.incident.trim() });
      break;
    case 'request':
      if (!(requestTypes as readonly string[]).includes(form.requestType)) return fail('Choose what is requested: information, assistance or action.');
      if (!form.askedAction.trim()) return fail('Say exactly what is asked.');
      Object.assign(request, { request_type: form.requestType, asked_action: form.askedAction.trim() });
      break;
    case 'advance-notice': {
      const start = localToIso(form.plannedStart);
      const end = localToIso(form.plannedEnd);
      if (!start || !end) return fail('An advance notice needs its planned start and end.');
      if (end < start) return fail('The planned end is before the planned start.');
      Object.assign(request, { planned_start: start, planned_end: end });
      break;
    }
    case 'consultation':
      if (!form.body.trim()) return fail('Say what you want to consult about.');
      break;
    case 'ping':
      return { ok: true, request };
  }
  const { evidence, evidence_refs } = evidencePayload(form.evidence, true);
  if (evidence.length > 0) request.evidence = evidence;
  if (evidence_refs.length > 0) request.evidence_refs = evidence_refs;
  return { ok: true, request };
}

/**
 * The parties an officer may write to with a message of `kind`: every other party of an agreement in force whose
 * rules allow that kind (an agreement listing no kinds allows all).
 */
export function eligibleRecipients(agreements: readonly AgreementView[], parties: readonly PartyView[], kind: string): PartyView[] {
  const allowing = agreements.filter((a) => a.in_force && (a.rules.kinds.length === 0 || a.rules.kinds.includes(kind)));
  const reachable = new Set(allowing.flatMap((a) => a.parties.map((p) => p.id)));
  return parties.filter((p) => !p.is_self && reachable.has(p.id)).sort((a, b) => a.name.localeCompare(b.name));
}
