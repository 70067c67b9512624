/** TLP 2.0 levels from the most open to the most restrictive. */
export const TLP_LEVELS = Object.freeze(['clear', 'green', 'amber', 'amber+strict', 'red'] as const);
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** The official TLP 2.0 marking-definition ids (FIRST TLP 2.0 STIX extension). */
export const TLP2_MARKING_IDS: Readonly<Record<TlpLevel, string>> = Object.freeze({
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
});

// TLP 1.0 (STIX 2.1 §7.2.1.4) mapped as FIRST advises: WHITE became CLEAR, the others keep their meaning.
// TLP 1.0 AMBER allowed sharing with clients on need-to-know, which is TLP 2.0 AMBER, not AMBER+STRICT.
const TLP1_MARKING_LEVELS: Readonly<Record<string, TlpLevel>> = Object.freeze({
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
});

const TLP2_MARKING_LEVELS: Readonly<Record<string, TlpLevel>> = Object.freeze(
  Object.fromEntries(TLP_LEVELS.map((level) => [TLP2_MARKING_IDS[level], level])),
);

/** The TLP level a marking-definition id stands for (TLP 2.0 or 1.0), or undefined for any other marking. */
export function tlpOfMarking(markingId: string): TlpLevel | undefined {
  return TLP2_MARKING_LEVELS[markingId] ?? TLP1_MARKING_LEVELS[markingId];
}

/** True when `a` restricts at least as much as `b`. */
export function isAtLeastAsRestrictive(a: TlpLevel, b: TlpLevel): boolean {
  return TLP_LEVELS.indexOf(a) >= TLP_LEVELS.indexOf(b);
}

/** The most restrictive TLP among an object's `object_marking_refs`, undefined when it carries none. */
export function tlpOfObject(object: object): TlpLevel | undefined {
  const marked = (object as { object_marking_refs?: unknown }).object_marking_refs;
  const refs: unknown[] = Array.isArray(marked) ? marked : [];
  let strictest: TlpLevel | undefined;
  for (const ref of refs) {
    const level = typeof ref === 'string' ? tlpOfMarking(ref) : undefined;
    if (level && (strictest === undefined || isAtLeastAsRestrictive(level, strictest))) strictest = level;
  }
  return strictest;
}

/** The TLP governing an object carried by a message: its own marking, or the message's when it has none. */
export function effectiveTlp(object: object, messageTlp: TlpLevel): TlpLevel {
  return tlpOfObject(object) ?? messageTlp;
}
