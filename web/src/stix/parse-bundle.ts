import type { StixObject } from '../api/types.ts';

/** The outcome of reading a file the officer picked as evidence. */
export type BundleParse = { ok: true; objects: StixObject[] } | { ok: false; error: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a STIX 2.1 bundle from text. Only the shape the console relies on is checked here (a bundle whose
 * objects each have a type and an id); full validation is the node's job when the message is sent.
 */
export function parseStixBundle(text: string, fileName = 'the file'): BundleParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${fileName} is not JSON (${(error as Error).message}).` };
  }
  if (!isRecord(parsed) || parsed.type !== 'bundle') {
    const found = isRecord(parsed) && typeof parsed.type === 'string' ? `an object of type "${parsed.type}"` : 'no bundle';
    return { ok: false, error: `${fileName} is not a STIX bundle: expected "type": "bundle", found ${found}.` };
  }
  if (!Array.isArray(parsed.objects)) {
    return { ok: false, error: `${fileName} is a bundle without an "objects" list.` };
  }
  if (parsed.objects.length === 0) return { ok: false, error: `The bundle in ${fileName} holds no objects.` };
  const objects: StixObject[] = [];
  for (const [index, object] of parsed.objects.entries()) {
    if (!isRecord(object) || typeof object.type !== 'string' || typeof object.id !== 'string') {
      return { ok: false, error: `Object ${index} of the bundle in ${fileName} lacks a "type" or an "id".` };
    }
    if (!object.id.startsWith(`${object.type}--`)) {
      return { ok: false, error: `Object ${index} has id "${object.id}", which does not start with "${object.type}--".` };
    }
    objects.push(object as StixObject);
  }
  return { ok: true, objects };
}
