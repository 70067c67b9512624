import { hash } from 'node:crypto';
import { ParleyError } from '../errors.ts';
import { canonicalBytes } from '../ledger/canonical-json.ts';
import type { Verdict } from './signature.ts';

/** A STIX object attached to a message as evidence. */
export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

/** A message's reference to an attached object: its id and the SHA-256 of its RFC 8785 canonical JSON. */
export interface Attachment {
  object_ref: string;
  sha256: string;
}

/** SHA-256 (hex) of an object's canonical JSON: what the message signature covers in place of the object. */
export function evidenceHash(object: object): string {
  return hash('sha256', canonicalBytes(object), 'hex');
}

/** The attachment entry for an object. */
export function attachmentFor(object: StixObject): Attachment {
  return { object_ref: object.id, sha256: evidenceHash(object) };
}

/** Checks that every attachment is present among `objects` and hashes to the value the message carries. */
export function checkEvidence(attachments: readonly Attachment[], objects: readonly StixObject[]): Verdict {
  for (const { object_ref, sha256 } of attachments) {
    const candidates = objects.filter((o) => o.id === object_ref);
    if (candidates.length === 0) {
      return { ok: false, error: new ParleyError('EVIDENCE_MISMATCH', `attached object ${object_ref} is missing`) };
    }
    // Several versions of one object may travel together; the one the sender hashed must be among them.
    if (!candidates.some((o) => evidenceHash(o) === sha256)) {
      return { ok: false, error: new ParleyError('EVIDENCE_MISMATCH', `attached object ${object_ref} does not match its SHA-256 in the message`) };
    }
  }
  return { ok: true };
}
