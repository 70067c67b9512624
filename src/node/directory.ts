import type { Agreement } from '../hotline/agreement.ts';
import type { Party } from '../hotline/party.ts';
import type { HotlineStore } from '../store/hotline-store.ts';
import { SignedAgreements } from './signed-agreements.ts';

/** Parties and agreements as committed at one directory revision, parsed once. */
export interface DirectorySnapshot {
  readonly own: Party | undefined;
  party(id: string): Party | undefined;
  readonly agreementIds: readonly string[];
  /** Every stored version of an agreement, oldest first. */
  versions(id: string): readonly Agreement[];
  /** The version of an agreement in force (fully signed, not revoked), judged once per snapshot. */
  inForce(id: string): Agreement | undefined;
}

/**
 * The node's parties and agreements, read and parsed again only when the store's directory revision changed (a
 * change by any process, the CLI included), not for every message: a send reads one small row instead of every
 * party and agreement.
 */
export class Directory {
  readonly #hotline: HotlineStore;
  readonly #signed: SignedAgreements;
  #current: { revision: string; snapshot: DirectorySnapshot } | undefined;

  constructor(hotline: HotlineStore, signed = new SignedAgreements()) {
    this.#hotline = hotline;
    this.#signed = signed;
  }

  /** The directory as last committed. */
  async snapshot(): Promise<DirectorySnapshot> {
    const revision = await this.#hotline.directoryRevision();
    if (this.#current?.revision === revision) return this.#current.snapshot;
    // Read after the revision: a change committed meanwhile is in this snapshot or makes the next call read again.
    const snapshot = await this.#load();
    this.#current = { revision, snapshot };
    return snapshot;
  }

  async #load(): Promise<DirectorySnapshot> {
    const hotline = this.#hotline;
    const listed = await hotline.listParties();
    const parties = new Map(listed.map(({ party }) => [party.id, party]));
    const own = listed.find((p) => p.own)?.party;
    const agreementIds = (await hotline.listAgreements()).map((a) => a.id);
    const versions = new Map<string, readonly Agreement[]>();
    for (const id of agreementIds) versions.set(id, Object.freeze(await hotline.getAgreementVersions(id)));
    const findParty = (id: string) => parties.get(id);
    const inForce = new Map<string, Agreement | undefined>();
    const signed = this.#signed;
    return Object.freeze({
      own,
      party: findParty,
      agreementIds: Object.freeze(agreementIds),
      versions: (id: string) => versions.get(id) ?? [],
      inForce(id: string) {
        if (!inForce.has(id)) inForce.set(id, signed.inForce(versions.get(id) ?? [], findParty));
        return inForce.get(id);
      },
    });
  }
}
