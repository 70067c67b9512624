import { objectDigest } from './log-entry.ts';

/**
 * Digests of objects that never change once made (signed messages), each canonicalised and hashed once: a sender
 * logs a message's digest when it sends it and needs it again to check the recipient's receipt.
 */
export class ObjectDigests {
  readonly #known = new WeakMap<object, string>();

  /** objectDigest(object), computed on first use. */
  of(object: object): string {
    let digest = this.#known.get(object);
    if (digest === undefined) this.#known.set(object, (digest = objectDigest(object)));
    return digest;
  }
}
