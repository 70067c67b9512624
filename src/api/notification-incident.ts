import { randomUUID } from 'node:crypto';
import { ParleyError } from '../errors.ts';
import type { StixObject } from '../hotline/evidence.ts';

/** What a notification's `incident` becomes: the `incident_ref` the message model needs, and an incident to attach. */
export interface NotificationIncident {
  incidentRef?: string;
  made?: StixObject;
}

/**
 * Resolves ComposeRequest.incident for a notification. The message model names an attached STIX incident
 * (`incident_ref`); the console sends a summary. An `incident--` id or the name of an attached incident picks that
 * incident; any other text becomes a new incident object (name: its first line, description: all of it) that is
 * attached; without `incident` the first attached incident is used, as on the command line.
 */
export function notificationIncident(summary: string | undefined, evidence: readonly StixObject[], now: Date): NotificationIncident {
  const attached = evidence.filter((o) => o.type === 'incident');
  const text = summary?.trim();
  if (!text) return attached[0] ? { incidentRef: attached[0].id } : {};
  if (text.startsWith('incident--')) {
    if (!attached.some((o) => o.id === text)) throw new ParleyError('BAD_REQUEST', `"incident" ${text} is not among the attached evidence`);
    return { incidentRef: text };
  }
  const named = attached.find((o) => o.name === text);
  if (named) return { incidentRef: named.id };
  const at = now.toISOString();
  const firstLine = text.split('\n')[0]!.trim();
  const made: StixObject = {
    type: 'incident', spec_version: '2.1', id: `incident--${randomUUID()}`, created: at, modified: at,
    name: firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine,
    ...(text !== firstLine ? { description: text } : {}),
  };
  return { incidentRef: made.id, made };
}
