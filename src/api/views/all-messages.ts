import type { HotlineStore, StoredMessage } from '../../store/hotline-store.ts';

/** Every stored message, oldest first (walking the store's pages of 1000). */
export async function listAllMessages(hotline: HotlineStore): Promise<StoredMessage[]> {
  const all: StoredMessage[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await hotline.listMessages({ limit: 1000, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    all.push(...page);
    if (page.length < 1000) return all.reverse();
    beforeSeq = page[page.length - 1].seq;
  }
}
