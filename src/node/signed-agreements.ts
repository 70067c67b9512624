import { createHash } from 'node:crypto';
import { isFullySigned, type Agreement } from '../hotline/agreement.ts';
import type { Party } from '../hotline/party.ts';
import { signedContent } from '../hotline/signature.ts';

// SHA-256 of the version as serialised (not canonicalised: cheaper, and equal text means equal content; a version
// serialised in another key order merely misses the memo and is verified again).
const contentKey = (v: Agreement) => createHash('sha256').update(JSON.stringify(signedContent(v))).digest('base64');

/**
 * Remembers which agreement versions are fully signed. The key covers the version's content, its signatures and the
 * signing parties' record versions, so any change to the text, a new signature or a rotated key is judged afresh
 * (hashing the content costs a fraction of the two or more signature checks it saves).
 */
export class SignedAgreements {
  readonly #verdicts = new Map<string, boolean>();

  /** The latest fully signed, non-revoked version (versionInForce, with signature checks remembered). */
  inForce(versions: readonly Agreement[], findParty: (id: string) => Party | undefined): Agreement | undefined {
    return [...versions].sort((a, b) => b.version - a.version).find((v) => {
      if (v.revoked) return false;
      const key = [v.id, v.version, contentKey(v), ...(v.signatures ?? []).map((s) => `${s.party_ref}:${s.value}:${findParty(s.party_ref)?.modified ?? ''}`)].join('|');
      let verdict = this.#verdicts.get(key);
      if (verdict === undefined) {
        verdict = isFullySigned(v, findParty);
        if (this.#verdicts.size > 10_000) this.#verdicts.clear();
        this.#verdicts.set(key, verdict);
      }
      return verdict;
    });
  }
}
