// Byte constants of patterns (h'..' and b'..') and the byte views of SCO properties they are compared with.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes `h'..'` content (pairs of hex digits); undefined when malformed. */
export function decodeHex(text: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) return undefined;
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

/** Decodes `b'..'` content (padded base64); undefined when malformed. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  return Uint8Array.from(Buffer.from(text, 'base64'));
}

/** Byte-wise ordering of two byte strings (negative, zero or positive). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

/** A byte string as one character per byte, so a text regular expression can run over binary data. */
export function bytesToLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}
