import {
  TLP2_AMBER_ID, TLP2_AMBER_STRICT_ID, TLP2_CLEAR_ID, TLP2_GREEN_ID, TLP2_RED_ID, TLP_AMBER_ID, TLP_GREEN_ID, TLP_RED_ID, TLP_WHITE_ID,
} from './tlp.ts';

/** The TLP 2.0 levels, from least to most restrictive. TLP 1.0 WHITE maps to CLEAR (FIRST TLP 2.0 §"TLP:CLEAR"). */
export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

const LEVEL_OF: ReadonlyMap<string, TlpLevel> = new Map([
  [TLP_WHITE_ID, 'clear'], [TLP_GREEN_ID, 'green'], [TLP_AMBER_ID, 'amber'], [TLP_RED_ID, 'red'],
  [TLP2_CLEAR_ID, 'clear'], [TLP2_GREEN_ID, 'green'], [TLP2_AMBER_ID, 'amber'], [TLP2_AMBER_STRICT_ID, 'amber+strict'], [TLP2_RED_ID, 'red'],
]);
const RANK: Readonly<Record<TlpLevel, number>> = Object.freeze({ clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 });

/** The TLP level a marking-definition id stands for, or undefined when it is not a TLP marking. */
export function tlpLevelOfMarking(markingId: string): TlpLevel | undefined {
  return LEVEL_OF.get(markingId);
}

/** The TLP levels named in an object's object_marking_refs, in order of appearance. */
export function tlpLevelsOf(object: { readonly object_marking_refs?: unknown }): TlpLevel[] {
  const refs = object.object_marking_refs;
  if (!Array.isArray(refs)) return [];
  const levels: TlpLevel[] = [];
  for (const ref of refs) {
    const level = typeof ref === 'string' ? LEVEL_OF.get(ref) : undefined;
    if (level) levels.push(level);
  }
  return levels;
}

/** The most restrictive TLP level on an object (object_marking_refs), or undefined when it carries none. */
export function tlpOf(object: { readonly object_marking_refs?: unknown }): TlpLevel | undefined {
  let strictest: TlpLevel | undefined;
  for (const level of tlpLevelsOf(object)) if (strictest === undefined || RANK[level] > RANK[strictest]) strictest = level;
  return strictest;
}

/** Orders TLP levels by restriction: negative when `a` is less restrictive than `b`. */
export function compareTlp(a: TlpLevel, b: TlpLevel): number {
  return RANK[a] - RANK[b];
}
