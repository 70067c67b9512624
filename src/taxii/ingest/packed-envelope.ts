import type { PreparedObject } from '../../store/prepared-object.ts';
import type { StatusDetail } from '../../store/status-store.ts';
import type { CheckedEnvelope } from './check-envelope.ts';

/**
 * A CheckedEnvelope in the form a worker thread sends it. The short fields of every prepared object are concatenated
 * into one text. The stored JSON texts are UTF-8 bytes, which move by transfer, not copy: views of the request body
 * itself when it held them already (see canonicalSpans), else written into one buffer, `json`. Seven numbers per
 * object in `lengths`: five lengths in `text` (UTF-16 units, -1 for an absent stated/versionKey), the JSON's byte
 * length, and its offset in `body`'s buffer (-1: next in `json`). The receiving (SQLite) thread neither copies the
 * JSON texts nor makes strings of them: it binds views (see PreparedObject.json).
 */
export interface PackedEnvelope {
  total: number;
  failures: StatusDetail[];
  text: string;
  json: Uint8Array;
  /** The request body, when stored texts are views of it. */
  body?: Uint8Array;
  lengths: Int32Array;
  /** CheckedEnvelope.successesJson, rendered on the worker (moved, not copied). */
  successesJson?: Uint8Array;
}

const FIELDS = 7;
// Stateless; its encode gives a buffer of its own (Buffer.from may return a slice of a shared pool, which cannot move).
const UTF8 = new TextEncoder();

/**
 * Packs a checked envelope (on the worker); `transfer` lists the buffers to move with postMessage. `body` is the
 * request body the envelope was checked from (bytes only: texts given as strings are written out).
 */
export function packEnvelope(checked: CheckedEnvelope, body?: Uint8Array): { packed: PackedEnvelope; transfer: ArrayBuffer[] } {
  const lengths = new Int32Array(checked.valid.length * FIELDS);
  let text = '';
  let at = 0;
  const add = (field: string | undefined) => {
    lengths[at++] = field === undefined ? -1 : field.length;
    if (field !== undefined) text += field;
  };
  let bytes = Buffer.allocUnsafeSlow(64 * 1024);
  let used = 0;
  let viewsOfBody = false;
  for (const o of checked.valid) {
    add(o.id);
    add(o.type);
    add(o.stated);
    add(o.versionKey);
    add(o.specVersion);
    if (body && typeof o.json !== 'string' && o.json.buffer === body.buffer) {
      lengths[at++] = o.json.byteLength;
      lengths[at++] = o.json.byteOffset;
      viewsOfBody = true;
      continue;
    }
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair 4 bytes for 2 units).
    const room = typeof o.json === 'string' ? o.json.length * 3 : o.json.byteLength;
    if (bytes.length - used < room) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(bytes.length * 2, used + room));
      bytes.copy(bigger, 0, 0, used);
      bytes = bigger;
    }
    const written = typeof o.json === 'string' ? bytes.write(o.json, used, 'utf8') : (bytes.set(o.json, used), o.json.byteLength);
    lengths[at++] = written;
    lengths[at++] = -1;
    used += written;
  }
  const packed: PackedEnvelope = { total: checked.total, failures: checked.failures, text, json: new Uint8Array(bytes.buffer, 0, used), lengths };
  const transfer = [lengths.buffer as ArrayBuffer, bytes.buffer as ArrayBuffer];
  // Rendered here, on the worker: the request thread then joins bytes instead of serialising 1,000 entries.
  if (checked.valid.every((o) => o.stated !== undefined)) {
    packed.successesJson = UTF8.encode(JSON.stringify(checked.valid.map((o) => ({ id: o.id, version: o.stated }))));
    transfer.push(packed.successesJson.buffer as ArrayBuffer);
  }
  if (!viewsOfBody || !body) return { packed, transfer };
  return { packed: { ...packed, body }, transfer: [...transfer, body.buffer as ArrayBuffer] };
}

/** Unpacks a packed envelope (on the receiving thread); the inverse of packEnvelope, with each JSON as UTF-8 bytes. */
export function unpackEnvelope(packed: PackedEnvelope): CheckedEnvelope {
  const { text, lengths, json: bytes, body } = packed;
  const valid: PreparedObject[] = [];
  let at = 0;
  let byteAt = 0;
  const next = (index: number): string | undefined => {
    const length = lengths[index]!;
    if (length < 0) return undefined;
    at += length;
    return text.slice(at - length, at);
  };
  for (let i = 0; i < lengths.length; i += FIELDS) {
    const id = next(i)!;
    const type = next(i + 1)!;
    const stated = next(i + 2);
    const versionKey = next(i + 3);
    const specVersion = next(i + 4)!;
    const offset = lengths[i + 6]!;
    let json: Uint8Array;
    if (offset >= 0 && body) {
      json = new Uint8Array(body.buffer, offset, lengths[i + 5]!);
    } else {
      json = bytes.subarray(byteAt, byteAt + lengths[i + 5]!);
      byteAt += json.byteLength;
    }
    valid.push(stated === undefined || versionKey === undefined
      ? { id, type, specVersion, json }
      : { id, type, stated, versionKey, specVersion, json });
  }
  return { total: packed.total, valid, failures: packed.failures, ...(packed.successesJson ? { successesJson: packed.successesJson } : {}) };
}
