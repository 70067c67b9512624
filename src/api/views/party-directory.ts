import { versionInForce, type Agreement } from '../../hotline/agreement.ts';
import type { Party } from '../../hotline/party.ts';
import type { HotlineStore } from '../../store/hotline-store.ts';

/** A party reference as the API shows it. */
export interface PartyRef {
  id: string;
  name: string;
}

/** The parties and agreements a read model needs, loaded once per request. */
export interface PartyDirectory {
  self: Party;
  parties: ReadonlyMap<string, Party>;
  /** Every agreement with all its versions (oldest first) and the version in force, if any. */
  agreements: readonly { versions: Agreement[]; inForce: Agreement | undefined }[];
  find(id: string): Party | undefined;
  ref(id: string): PartyRef;
}

/** Loads the node's parties and agreements from the hotline store. */
export async function loadPartyDirectory(hotline: HotlineStore, self: Party): Promise<PartyDirectory> {
  const parties = new Map((await hotline.listParties()).map(({ party }) => [party.id, party]));
  // The stored own record is the current one (`parley serve` records its listening address after the node opened).
  const own = parties.get(self.id) ?? self;
  parties.set(self.id, own);
  const find = (id: string) => parties.get(id);
  const agreements = await Promise.all((await hotline.listAgreements()).map(async (latest) => {
    const versions = await hotline.getAgreementVersions(latest.id);
    return { versions, inForce: versionInForce(versions, find) };
  }));
  return Object.freeze({
    self: own,
    parties,
    agreements,
    find,
    // An unknown id still gets a readable reference rather than failing the whole view.
    ref: (id: string) => ({ id, name: parties.get(id)?.name ?? id }),
  });
}

/** The other side of a message or deadline seen from this node. */
export function counterpartOf(self: string, sender: string, recipients: readonly string[]): string {
  return sender === self ? (recipients[0] ?? self) : sender;
}
