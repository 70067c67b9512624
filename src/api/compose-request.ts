import { ParleyError } from '../errors.ts';
import type { StixObject } from '../hotline/evidence.ts';
import { MESSAGE_KINDS, PRIORITIES, type MessageKind } from '../hotline/message-kinds.ts';
import { TLP_LEVELS, type TlpLevel } from '../hotline/tlp.ts';
import type { ComposeDraft } from './api-node.ts';
import { optionalString, requiredString } from './api-error.ts';
import { notificationIncident } from './notification-incident.ts';

/** ComposeRequest names of kind fields and the message model's names they become. */
const KIND_FIELDS: readonly [string, string][] = Object.freeze([
  ['sector', 'sector'],
  ['severity', 'severity'],
  ['request_type', 'request_type'],
  ['asked_action', 'requested_action'],
  ['requested_action', 'requested_action'],
  ['planned_start', 'activity_start'],
  ['planned_end', 'activity_end'],
  ['findings', 'findings'],
  ['actions_taken', 'actions_taken'],
  ['outcome', 'outcome'],
]);

function oneOf<T extends string>(body: Record<string, unknown>, name: string, allowed: readonly T[], fallback?: T): T {
  const value = body[name] ?? fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ParleyError('BAD_REQUEST', `"${name}" must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Checks a list of STIX objects (each with a string type and id). */
export function stixObjects(value: unknown, name: string): StixObject[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((o) => typeof o === 'object' && o !== null && typeof o.type === 'string' && typeof o.id === 'string')) {
    throw new ParleyError('BAD_REQUEST', `"${name}" must be a list of STIX objects, each with a type and an id`);
  }
  return value as StixObject[];
}

function evidenceRefs(value: unknown): ComposeDraft['evidence_refs'] {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((r) => typeof r === 'object' && r !== null && typeof r.collection_id === 'string' && typeof r.object_id === 'string')) {
    throw new ParleyError('BAD_REQUEST', '"evidence_refs" must be a list of { collection_id, object_id }');
  }
  return value.map((r: { collection_id: string; object_id: string }) => ({ collection_id: r.collection_id, object_id: r.object_id }));
}

/**
 * Turns a ComposeRequest body into the service's ComposeDraft (console names mapped to the message model's; a
 * notification's `incident` summary becomes its `incident_ref`, see notificationIncident).
 */
export function composeDraft(body: Record<string, unknown>, now = new Date()): ComposeDraft {
  const kind = oneOf<MessageKind>(body, 'kind', MESSAGE_KINDS);
  const to = body.to;
  if (!Array.isArray(to) || to.length === 0 || !to.every((t) => typeof t === 'string' && t !== '')) {
    throw new ParleyError('BAD_REQUEST', '"to" must be a non-empty list of party ids');
  }
  const fields: Record<string, unknown> = {};
  for (const [from, into] of KIND_FIELDS) if (body[from] !== undefined) fields[into] = body[from];
  if (body.regulatory_reporting !== undefined) fields.regulatory_reporting = body.regulatory_reporting;
  const threadId = optionalString(body, 'thread_id');
  const inReplyTo = optionalString(body, 'in_reply_to');
  let evidence = stixObjects(body.evidence, 'evidence');
  const summary = optionalString(body, 'incident');
  if (kind === 'notification') {
    const { incidentRef, made } = notificationIncident(summary, evidence ?? [], now);
    if (incidentRef) fields.incident_ref = incidentRef;
    if (made) evidence = [...(evidence ?? []), made];
  } else if (summary !== undefined) {
    throw new ParleyError('BAD_REQUEST', '"incident" belongs to a notification only');
  }
  const refs = evidenceRefs(body.evidence_refs);
  return {
    kind,
    to: to as string[],
    ...(threadId ? { thread_id: threadId } : {}),
    ...(inReplyTo ? { in_reply_to: inReplyTo } : {}),
    priority: oneOf(body, 'priority', PRIORITIES, 'routine'),
    tlp: oneOf<TlpLevel>(body, 'tlp', TLP_LEVELS),
    language: optionalString(body, 'language') ?? 'en',
    subject: kind === 'ping' ? (optionalString(body, 'subject') ?? 'Communication check') : requiredString(body, 'subject'),
    body: optionalString(body, 'body') ?? '',
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(evidence ? { evidence } : {}),
    ...(refs ? { evidence_refs: refs } : {}),
  };
}
