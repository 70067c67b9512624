// Walks an object path over one SCO, following _ref/_refs to the referenced SCOs of the same observation.
import type { ObjectPath } from './ast.ts';
import type { JsonObject, Observation } from './observation.ts';

/** Every value the path reaches on this SCO; empty when the path does not exist (or the type differs). */
export function valuesAt(path: ObjectPath, sco: JsonObject, observation: Observation): unknown[] {
  if (sco.type !== path.objectType) return [];
  // Fast walk while the path is plain keys over objects (the common `value`, `hashes.'SHA-256'`).
  let single: unknown = sco;
  let start = 0;
  for (; start < path.steps.length; start++) {
    const step = path.steps[start];
    if (step.kind !== 'key' || !single || typeof single !== 'object' || Array.isArray(single)) break;
    if (!Object.hasOwn(single, step.key)) return [];
    single = (single as JsonObject)[step.key];
  }
  if (start === path.steps.length) return single === null || single === undefined ? [] : [single];
  let current: unknown[] = [single];
  for (const step of path.steps.slice(start)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'key') {
        // A string reached before a key step is a reference (x_ref, or an element of x_refs): follow it.
        const holder = typeof value === 'string' ? observation.resolve(value) : value;
        if (holder && typeof holder === 'object' && !Array.isArray(holder) && Object.hasOwn(holder, step.key)) {
          next.push((holder as JsonObject)[step.key]);
        }
      } else if (Array.isArray(value)) {
        if (step.index === '*') next.push(...value);
        else {
          const i = step.index < 0 ? value.length + step.index : step.index;
          if (i >= 0 && i < value.length) next.push(value[i]);
        }
      }
    }
    current = next;
    if (current.length === 0) return current;
  }
  return current.filter((v) => v !== null && v !== undefined);
}

/** The last property name of the path, which tells binary (`_bin`) and hex (`_hex`) properties apart. */
export function lastKey(path: ObjectPath): string {
  for (let i = path.steps.length - 1; i >= 0; i--) {
    const step = path.steps[i];
    if (step.kind === 'key') return step.key;
  }
  return '';
}
