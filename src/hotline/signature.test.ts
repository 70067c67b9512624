import { describe, expect, it } from 'vitest';
import { signObject, signedContent, verifyObjectSignature } from './signature.ts';
import { testParty } from './test-fixtures.ts';

const a = testParty('CERT-A', '2026-01-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z');
const b = testParty('CERT-B');
const object = { type: 'x-test', id: 'x-test--1', created: '2026-03-01T09:00:00.000Z', body: 'text' };

describe('object signatures', () => {
  it('cover the object without its signature fields', () => {
    const signed = signObject(object, a.signer);
    expect(signedContent(signed)).toEqual(object);
    expect(signedContent({ ...object, signatures: [] })).toEqual(object);
    expect(verifyObjectSignature(signed, a.party)).toEqual({ ok: true });
  });
  it('fail with SIGNATURE_INVALID on other content, another signer, or no signature', () => {
    const signed = signObject(object, a.signer);
    const changed = { ...signed, body: 'other' };
    expect(verifyObjectSignature(changed, a.party)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    expect(verifyObjectSignature({ ...signObject(object, b.signer), signature: { ...signObject(object, b.signer).signature, key_id: a.signer.keyId } }, a.party)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    expect(verifyObjectSignature(object, a.party)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
  });
  it('fail with KEY_NOT_VALID when the key had expired at the object time', () => {
    const late = signObject({ ...object, created: '2026-06-01T00:00:00.000Z' }, a.signer);
    expect(verifyObjectSignature(late, a.party)).toMatchObject({ ok: false, error: { code: 'KEY_NOT_VALID' } });
  });
});
