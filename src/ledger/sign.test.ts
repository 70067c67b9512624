import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonical-json.ts';
import { generateSigningKeyPair, privateKeyFromPem, publicKeyFromBase64url, signCanonical, verifyCanonical } from './sign.ts';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and serialises numbers as ECMAScript does', () => {
    expect(canonicalize({ b: 1, a: [1e21, 0.1, -0], '\u20ac': 'x', '\r': true })).toBe(
      '{"\\r":true,"a":[1e+21,0.1,0],"b":1,"€":"x"}',
    );
  });
});

describe('Ed25519 over canonical JSON', () => {
  it('verifies what it signed whatever the key order, and rejects a change', () => {
    const pair = generateSigningKeyPair();
    const priv = privateKeyFromPem(pair.privateKeyPem);
    const pub = publicKeyFromBase64url(pair.publicKey);
    const sig = signCanonical({ a: 1, b: 'two' }, priv);
    expect(verifyCanonical({ b: 'two', a: 1 }, sig, pub)).toBe(true);
    expect(verifyCanonical({ b: 'two', a: 2 }, sig, pub)).toBe(false);
    expect(verifyCanonical({ a: 1, b: 'two' }, sig.slice(0, -2), pub)).toBe(false);
  });
  it('rejects a public key of the wrong length', () => {
    expect(() => publicKeyFromBase64url('AAAA')).toThrow(/32 bytes/);
  });
});
