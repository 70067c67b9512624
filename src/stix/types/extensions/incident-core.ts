import type { ExtensionSpec, PropertyType } from '../../spec/property-spec.ts';
import { dictionary, float, integer, list, object, optional, refs, required, string } from '../../spec/property-types.ts';

/** The id of the OASIS Incident Core Extension. */
export const INCIDENT_CORE_EXTENSION = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';

const vocabulary = (...values: string[]): PropertyType => ({ kind: 'open-vocab', values });

/**
 * The OASIS Incident Core Extension (property-extension of incident). Only `determination` and
 * `investigation_status` are required; the vocabularies are checked as warnings because their published lists
 * have changed between drafts, and properties not modelled here pass as custom names.
 */
export const incidentCore: ExtensionSpec = {
  name: INCIDENT_CORE_EXTENSION,
  appliesTo: ['incident'],
  properties: {
    extension_type: optional({ kind: 'enum', values: ['property-extension'] }),
    determination: required(vocabulary('blocked', 'failed-attempt', 'false-positive', 'low-value', 'successful-attempt', 'suspected')),
    investigation_status: required(vocabulary('closed', 'new', 'open')),
    criticality: optional(integer(0, 100)),
    recoverability: optional(vocabulary('extended', 'not-applicable', 'not-recoverable', 'regular', 'supplemented')),
    impacted_entity_counts: optional(dictionary(integer(0))),
    incident_types: optional(list(string)),
    detection_methods: optional(list(vocabulary('automated-tool', 'commercial-solution', 'external-notification', 'human-review', 'message-from-attacker', 'system-outage', 'user-reporting'))),
    scores: optional(list(object({ name: required(string), value: required(float()), description: optional(string) }))),
    // The companion event, impact and task objects are themselves extension-defined SDOs.
    event_refs: optional(refs()),
    impact_refs: optional(refs()),
    task_refs: optional(refs()),
  },
};
