// Observed-data objects as the matcher sees them: timestamps, a count, their SCOs and a way to follow refs.
import { parseInstant, type Instant } from './timestamp.ts';

/** A JSON object as it comes out of a bundle. */
export type JsonObject = Record<string, unknown>;

/** An observed-data SDO with the SCOs it carries (from object_refs or the deprecated embedded `objects`). */
export class Observation {
  constructor(
    readonly id: string,
    readonly firstObserved: Instant,
    readonly lastObserved: Instant,
    readonly numberObserved: number,
    readonly objects: readonly JsonObject[],
    readonly resolve: (ref: string) => JsonObject | undefined,
  ) {}
}

/** An observed-data (or list of STIX objects) that cannot be used; the message says why. */
export class ObservationInputError extends Error {
  override readonly name = 'ObservationInputError';
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Builds observations from STIX objects: every observed-data among them, with the SCOs it references looked up
 * among the same objects by id (or its embedded `objects` dictionary, whose refs are local keys).
 */
export function observationsFrom(objects: readonly unknown[]): Observation[] {
  const byId = new Map<string, JsonObject>();
  for (const object of objects) {
    if (isObject(object) && typeof object.id === 'string') byId.set(object.id, object);
  }
  const observations: Observation[] = [];
  for (const object of objects) {
    if (isObject(object) && object.type === 'observed-data') observations.push(toObservation(object, byId));
  }
  return observations;
}

function toObservation(sdo: JsonObject, byId: ReadonlyMap<string, JsonObject>): Observation {
  const id = typeof sdo.id === 'string' ? sdo.id : '(observed-data without id)';
  const first = typeof sdo.first_observed === 'string' ? parseInstant(sdo.first_observed) : undefined;
  const last = typeof sdo.last_observed === 'string' ? parseInstant(sdo.last_observed) : undefined;
  if (!first || !last) throw new ObservationInputError(`${id}: first_observed and last_observed must be RFC 3339 timestamps`);
  if (last.key < first.key) throw new ObservationInputError(`${id}: last_observed is before first_observed`);
  const count = sdo.number_observed ?? 1;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
    throw new ObservationInputError(`${id}: number_observed must be a positive integer`);
  }
  if (isObject(sdo.objects)) {
    const local = sdo.objects;
    const scos = Object.values(local).filter(isObject);
    return new Observation(id, first, last, count, scos, (ref) => (isObject(local[ref]) ? local[ref] : undefined));
  }
  const refs = Array.isArray(sdo.object_refs) ? sdo.object_refs : [];
  const scos = refs.flatMap((ref) => (typeof ref === 'string' && byId.has(ref) ? [byId.get(ref)!] : []));
  return new Observation(id, first, last, count, scos, (ref) => byId.get(ref));
}
