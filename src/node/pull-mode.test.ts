import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import { initNode } from './init-node.ts';
import { openNode, type ParleyNode } from './parley-node.ts';
import { linkAccount, outboxCollectionId, routeFor, setOutgoingMode, taxiiOutboxWriter } from './pull-mode.ts';
import { acceptReceipt, checkSenderAccount } from './receipt-inbox.ts';

const root = mkdtempSync(join(tmpdir(), 'parley-pull-mode-'));
let b: ParleyNode;
let aId = '';

beforeAll(async () => {
  await initNode(join(root, 'a'), { name: 'CERT-A' });
  await initNode(join(root, 'b'), { name: 'CERT-B' });
  const a = await openNode(join(root, 'a'));
  aId = a.self.id;
  b = await openNode(join(root, 'b'), { passwordCost: 2 ** 14 });
  await b.store.hotline.putParty(a.self, { own: false });
  await a.close();
}, 60_000);

afterAll(async () => {
  await b?.close();
  rmSync(root, { recursive: true, force: true });
});

const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (isParleyError(e) ? `${e.code}: ${e.message}` : String(e)));

describe('pull mode on the publishing node', () => {
  it('derives one UUID-shaped collection id per (publisher, recipient)', () => {
    const id = outboxCollectionId('identity--1', 'identity--2');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(outboxCollectionId('identity--1', 'identity--2')).toBe(id);
    expect(outboxCollectionId('identity--2', 'identity--1')).not.toBe(id);
  });

  it('pushes by default, creates the collection on pull and grants read to linked accounts (also linked later)', async () => {
    await b.store.accounts.add('early', 'pw-early-1', []);
    await linkAccount(b, 'early', aId);
    expect((await b.store.links.delivery(aId)).outgoing).toBe('push');
    const { collection, accounts } = await setOutgoingMode(b, aId, 'pull');
    expect(collection).toBe(outboxCollectionId(b.self.id, aId));
    expect(accounts).toEqual(['early']);
    expect(await routeFor(b, aId)).toEqual({ mode: 'pull' });
    await b.store.accounts.add('late', 'pw-late-1', []);
    await linkAccount(b, 'late', aId);
    for (const name of ['early', 'late']) expect((await b.store.accounts.get(name))!.rights).toEqual([{ collection, canRead: true, canWrite: false }]);
    // Pulling again reuses the collection.
    expect((await setOutgoingMode(b, aId, 'pull')).collection).toBe(collection);
    expect(await code(linkAccount(b, 'ghost', aId))).toBe('NOT_FOUND: account ghost does not exist (parley account add)');
    expect(await code(setOutgoingMode(b, 'identity--00000000-0000-4000-8000-000000000000', 'pull'))).toMatch(/^UNKNOWN_PARTY: /);
    expect(await code(setOutgoingMode(b, b.self.id, 'pull'))).toBe('BAD_REQUEST: delivery modes are for counterparts, not this node');
  });

  it('writes into the collection idempotently, in order, and refuses a party that does not pull', async () => {
    const writer = taxiiOutboxWriter(b);
    const ev = { type: 'note', spec_version: '2.1', id: 'note--7c5f8ab5-3a6b-4b8f-9d0a-2f1f6f0c1a01', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', content: 'x', object_refs: ['note--7c5f8ab5-3a6b-4b8f-9d0a-2f1f6f0c1a01'] };
    const ev2 = { ...ev, id: 'note--7c5f8ab5-3a6b-4b8f-9d0a-2f1f6f0c1a02' };
    await writer.write(aId, [ev, ev2]);
    await writer.write(aId, [ev, ev2]);
    const collection = outboxCollectionId(b.self.id, aId);
    const page = await b.store.objects.query({ collection, limit: 10 });
    expect(page.objects.map((o) => o.id)).toEqual([ev.id, ev2.id]);
    expect(page.objects[0]!.dateAdded).toBeLessThan(page.objects[1]!.dateAdded);
    await setOutgoingMode(b, aId, 'push');
    expect(await code(writer.write(aId, [ev]))).toBe(`CONFLICT: ${aId} does not pull from this node`);
  });

  it('ties inbox writes to the linked party, lets unlinked accounts through, and checks receipts', async () => {
    expect(await code(checkSenderAccount(b, { sender_ref: aId }, 'early'))).toBe('ok');
    expect(await code(checkSenderAccount(b, { sender_ref: 'identity--x' }, 'early'))).toBe(`FORBIDDEN: account early belongs to ${aId}; it may not deliver messages sent by identity--x`);
    expect(await code(checkSenderAccount(b, { sender_ref: 'identity--x' }, 'unlinked'))).toBe('ok');
    const receipt = { type: 'x-parley-receipt', message_id: 'x-parley-message--0b6e1f0e-6f55-4a7f-9a57-3c1d9b0a0001', message_modified: '2026-01-01T00:00:00.000Z', recipient_ref: aId };
    expect(await code(acceptReceipt(b, { ...receipt, recipient_ref: 'identity--x' }, 'early', undefined))).toBe(`FORBIDDEN: account early belongs to ${aId}; it may not post receipts of identity--x`);
    expect(await code(acceptReceipt(b, receipt, 'early', undefined))).toBe(`NOT_FOUND: this node sent no message ${receipt.message_id} (${receipt.message_modified}) to ${aId}`);
    expect(await code(acceptReceipt(b, { type: 'x-parley-receipt' }, undefined, undefined))).toBe('BAD_REQUEST: a receipt needs message_id, message_modified and recipient_ref');
  });
});
