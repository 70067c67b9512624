import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage, type Message } from '../src/hotline/message.ts';
import { createParty, partyExtension, type Party } from '../src/hotline/party.ts';
import { signObject, type Signer } from '../src/hotline/signature.ts';
import { TLP2_MARKING_IDS } from '../src/hotline/tlp.ts';
import { generateSigningKeyPair, privateKeyFromPem } from '../src/ledger/sign.ts';
import { runParley } from './parley-process.ts';
import { removeAll, startIntroducedPair, ok, tamperLeaf, type HotlineBackend, type TestNode } from './hotline-harness.ts';
import type { TestDatabase } from './support/postgres-database.ts';

/** The hotline-rejections suite over one backend; one test file per backend, so that vitest runs the two side by side. */
export function hotlineRejectionsSuite(backend: HotlineBackend): void {
  describe(`${backend.name}: hotline rejections`, () => {
    let a: TestNode;
    let b: TestNode;
    let agreement = '';

    const databases: TestDatabase[] = [];

    beforeAll(async () => {
      [a, b] = await startIntroducedPair(databases, backend);
      agreement = /^agreement (\S+)/.exec(await ok(['agreement', 'propose', '--party', 'CERT-B', '--data', a.dir]))![1]!;
      await ok(['agreement', 'sign', agreement, '--data', b.dir]);
    }, 240_000);

    afterAll(() => removeAll([a, b], databases));

    const partyOf = async (n: TestNode): Promise<Party> => JSON.parse(await ok(['party', 'export', '--data', n.dir])) as Party;
    // Cached: one CLI run per node instead of one per message.
    const signers = new Map<string, Signer>();
    async function signerOf(n: TestNode, keyId?: string): Promise<Signer> {
      const cached = keyId === undefined ? signers.get(n.dir) : undefined;
      if (cached) return cached;
      const id = keyId ?? partyExtension(await partyOf(n)).signing_keys.at(-1)!.key_id;
      if (keyId === undefined) signers.set(n.dir, { partyRef: n.partyId, keyId: id, privateKey: privateKeyFromPem(readFileSync(join(n.dir, 'keys', `${id}.pem`), 'utf8')) });
      return { partyRef: n.partyId, keyId: id, privateKey: privateKeyFromPem(readFileSync(join(n.dir, 'keys', `${id}.pem`), 'utf8')) };
    }
    function message(signer: Signer, extra: { to?: string[]; at?: number; body?: string; evidence?: Record<string, unknown>[] } = {}): Message {
      return signObject(buildMessage({
        kind: 'consultation', senderRef: signer.partyRef, recipientRefs: extra.to ?? [b.partyId], agreementRef: agreement, priority: 'routine',
        lang: 'en', subject: 'Scanning', body: extra.body ?? 'Do you see scanning?', tlp: 'amber', at: extra.at ?? Date.now(),
        evidence: (extra.evidence ?? []) as never,
      }), signer);
    }

    interface InboxStatus { success_count: number; failures: { id: string; message: string }[]; x_parley_receipts: { message_id: string; leaf_index: number }[] }
    async function post(objects: unknown[]): Promise<{ status: number; body: InboxStatus }> {
      const response = await fetch(`${b.url}/taxii2/parley/collections/${b.inbox}/objects/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/taxii+json;version=2.1', accept: 'application/taxii+json;version=2.1',
          authorization: `Basic ${Buffer.from('node-cert-a:secret-of-CERT-A-on-CERT-B').toString('base64')}`,
        },
        body: JSON.stringify({ objects }),
      });
      return { status: response.status, body: (await response.json()) as InboxStatus };
    }
    async function rejected(objects: unknown[], code: string): Promise<string> {
      const { status, body } = await post(objects);
      expect(status).toBe(202);
      expect(body.x_parley_receipts).toEqual([]);
      expect(body.success_count).toBe(0);
      expect(body.failures[0]!.message).toMatch(new RegExp(`^${code}: `));
      return body.failures[0]!.message;
    }

    describe('the inbox refuses bad messages over real HTTP', { timeout: 180_000 }, () => {
      it('accepts a good message with a receipt', async () => {
        const m = message(await signerOf(a));
        const { body } = await post([m]);
        expect(body.failures).toEqual([]);
        expect(body.x_parley_receipts.map((r) => r.message_id)).toEqual([m.id]);
      });

      it('a bad signature', async () => {
        const m = message(await signerOf(a));
        expect(await rejected([{ ...m, body: 'tampered' }], 'SIGNATURE_INVALID')).toContain('does not verify');
      });

      it('an unknown sender', async () => {
        const pair = generateSigningKeyPair();
        const c = createParty({ name: 'Stranger', taxii: { api_root: 'http://127.0.0.1:1/taxii2/parley/', inbox_collection_id: randomUUID() },
          signingKeys: [{ key_id: 'k1', public_key: pair.publicKey, valid_from: '2026-01-01T00:00:00.000Z' }],
          contacts: [{ role: 'operations', name: 'desk', languages: ['en'], time_zone: 'UTC' }] });
        const m = message({ partyRef: c.id, keyId: 'k1', privateKey: privateKeyFromPem(pair.privateKeyPem) });
        expect(await rejected([m], 'UNKNOWN_PARTY')).toBe(`UNKNOWN_PARTY: sender ${c.id} is not a known party`);
      });

      it('a recipient mismatch', async () => {
        const other = `identity--${randomUUID()}`;
        await rejected([message(await signerOf(a), { to: [other] })], 'RECIPIENT_MISMATCH');
      });

      it('a replay: the same message again gets its first receipt back, a changed one under the same id is refused', async () => {
        const signer = await signerOf(a);
        const m = message(signer);
        const first = await post([m]);
        const again = await post([m]);
        expect(again.body.x_parley_receipts).toEqual(first.body.x_parley_receipts);
        const changed = signObject({ ...m, body: 'changed', signature: undefined }, signer);
        delete (changed as { signature?: unknown }).signature;
        expect(await rejected([signObject(changed, signer)], 'REPLAY')).toContain(m.id);
      });

      it('a TLP violation: a third party\'s TLP:RED indicator passed on', async () => {
        const third = `identity--${randomUUID()}`;
        const indicator = {
          type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created: '2026-03-01T08:00:00.000Z', modified: '2026-03-01T08:00:00.000Z',
          created_by_ref: third, object_marking_refs: [TLP2_MARKING_IDS.red], pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix',
          valid_from: '2026-03-01T08:00:00.000Z',
        };
        const m = message(await signerOf(a), { evidence: [indicator] });
        expect(await rejected([m, indicator], 'TLP_VIOLATION')).toContain('TLP:RED');
      });

      it('evidence that does not match its hash', async () => {
        const incident = { type: 'incident', spec_version: '2.1', id: `incident--${randomUUID()}`, created: '2026-03-01T08:00:00.000Z', modified: '2026-03-01T08:00:00.000Z', name: 'x' };
        const m = message(await signerOf(a), { evidence: [incident] });
        await rejected([m, { ...incident, name: 'swapped' }], 'EVIDENCE_MISMATCH');
      });

      it('an expired key after rotation, while old signatures still verify', async () => {
        const old = await signerOf(a);
        const before = message(old, { at: Date.now() - 1000 });
        const rotated = await runParley(['key', 'rotate', '--data', a.dir]);
        expect(rotated.stdout).toMatch(/^key key-\d{8}-[0-9a-f]{8}\n$/);
        await ok(['party', 'add', a.url, '--data', b.dir]);
        expect(await rejected([message(old)], 'KEY_NOT_VALID')).toMatch(/had expired/);
        const { body } = await post([before]);
        expect(body.x_parley_receipts.map((r) => r.message_id)).toEqual([before.id]);
        // Sending through the CLI now signs with the new key and is accepted.
        const sent = await runParley(['send', 'consultation', '--to', 'CERT-B', '--subject', 'After rotation', '--body', 'new key', '--data', a.dir]);
        expect(sent.stderr).toBe(`delivered to CERT-B (${b.partyId})\n`);
        expect((await runParley(['verify', '--data', a.dir])).status).toBe(0);
      });

      it('parley verify finds a tampered log entry (exit 1, the precise line)', async () => {
        expect((await runParley(['verify', '--data', b.dir])).status).toBe(0);
        await tamperLeaf(b, 1, (leaf) => leaf.replace(String((JSON.parse(leaf) as Record<string, unknown>).logged_at), '2020-01-01T00:00:00.000Z'));
        const verify = await runParley(['verify', '--data', b.dir]);
        expect(verify.status).toBe(1);
        expect(verify.stdout).toMatch(/^FAIL ledger: \d+ findings in \d+ entries, \d+ checkpoints\n/);
        expect(verify.stdout).toContain('\n  entry 1 changed: leaf hash differs from the one stored when it was appended\n');
        expect(verify.stdout.trim().split('\n').at(-1)).toBe('verify: FAILED');
        expect(readdirSync(join(b.dir, 'keys')).filter((f) => f.endsWith('.pem'))).toHaveLength(1);
      });
    });
  });
}
