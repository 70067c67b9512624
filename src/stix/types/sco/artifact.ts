import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { hashes, notBoth, oneOf, onlyWith, text } from './sco-spec-builders.ts';

/** STIX 2.1 §10 encryption-algorithm-enum. */
export const encryptionAlgorithms = Object.freeze(['AES-256-GCM', 'ChaCha20-Poly1305', 'mime-type-indicated']);

/** STIX 2.1 §6.1 Artifact. */
export const artifact: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'artifact',
  category: 'sco',
  properties: {
    mime_type: text,
    payload_bin: { type: { kind: 'binary' } },
    url: { type: { kind: 'url' } },
    hashes,
    encryption_algorithm: oneOf(encryptionAlgorithms),
    decryption_key: text,
  },
  checks: [
    // §6.1: exactly one of payload_bin or url; a url needs hashes so the content fetched can be verified.
    (object, report) => {
      if (object.payload_bin === undefined && object.url === undefined) {
        report.error('$', 'artifact must have one of payload_bin or url');
      }
    },
    notBoth('payload_bin', 'url'),
    (object, report) => {
      if (object.url !== undefined && object.hashes === undefined) {
        report.error('$.hashes', 'hashes is required when url is present');
      }
    },
    onlyWith('decryption_key', 'encryption_algorithm'),
  ],
  idContributing: ['hashes', 'payload_bin'],
});
