import type { ObjectCheck } from './property-spec.ts';
import { compareTimestamps, isTimestamp } from '../timestamp.ts';

type Obj = Readonly<Record<string, unknown>>;

/** `later` must not be before `earlier` (or must be strictly after it with `strict`), when both are valid. */
export function timestampOrder(earlier: string, later: string, strict = false): ObjectCheck {
  return (o: Obj, report) => {
    const a = o[earlier];
    const b = o[later];
    // The same text (every first version's created and modified) is in order unless strictly later is required.
    if (a === b && !strict) return;
    if (!isTimestamp(a) || !isTimestamp(b)) return;
    const order = compareTimestamps(a, b);
    if (order > 0 || (strict && order === 0)) {
      report.error(`$.${later}`, `${later} (${b}) must be ${strict ? 'later than' : 'the same as or later than'} ${earlier} (${a})`);
    }
  };
}

/** At least one of the properties must be present. */
export function atLeastOneOf(...names: string[]): ObjectCheck {
  return (o: Obj, report) => {
    for (const name of names) if (o[name] !== undefined) return;
    report.error('$', `at least one of ${names.join(', ')} must be present`);
  };
}

/** Exactly one of the properties must be present. */
export function exactlyOneOf(...names: string[]): ObjectCheck {
  return (o: Obj, report) => {
    const present = names.filter((name) => o[name] !== undefined);
    if (present.length === 1) return;
    report.error(present.length ? `$.${present[1]}` : '$', `exactly one of ${names.join(', ')} must be present, found ${present.length ? present.join(', ') : 'none'}`);
  };
}

/** When `name` is present, `other` must be too. */
export function requiresWith(name: string, other: string): ObjectCheck {
  return (o: Obj, report) => {
    if (o[name] !== undefined && o[other] === undefined) report.error(`$.${other}`, `${other} is required when ${name} is present`);
  };
}

/** The properties must not be present on this type. */
export function forbidden(reason: string, ...names: string[]): ObjectCheck {
  return (o: Obj, report) => {
    for (const name of names) if (o[name] !== undefined) report.error(`$.${name}`, `${name} is not allowed: ${reason}`);
  };
}
