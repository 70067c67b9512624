import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParley } from './parley-process.ts';
import { removeAll, startIntroducedPair, evidenceFile, logKinds, ok, serve, stop, waitFor, type HotlineBackend, type TestNode } from './hotline-harness.ts';
import type { TestDatabase } from './support/postgres-database.ts';

/** The hotline-two-nodes suite over one backend; one test file per backend, so that vitest runs the two side by side. */
export function hotlineTwoNodesSuite(backend: HotlineBackend): void {
  describe(`${backend.name}: two Parley nodes over real HTTP`, { timeout: 180_000 }, () => {
    let a: TestNode;
    let b: TestNode;
    const databases: TestDatabase[] = [];

    beforeAll(async () => {
      // Each node on a database of its own (PostgreSQL), recorded by `parley init --database`; later commands pass only --data.
      [a, b] = await startIntroducedPair(databases, backend);
    }, 240_000);

    afterAll(() => removeAll([a, b], databases));

    const deadlineLine = async (node: TestNode, messageId: string) => (await ok(['deadlines', '--data', node.dir])).split('\n').find((l) => l.includes(messageId)) ?? '';

    let agreement = '';
    let missed = '';
    let notification = '';

    it('agrees: proposed by A, in force only once B has signed too', async () => {
      const proposed = await runParley(['agreement', 'propose', '--party', 'CERT-B', '--name', 'A-B hotline', '--deadline', 'notification:urgent:1:2',
        '--deadline', 'notification:flash:1:1', '--deadline', 'ping:routine:1:1', '--sector', 'healthcare', '--sector', 'energy', '--data', a.dir]);
      expect(proposed.status).toBe(0);
      agreement = /^agreement (\S+) version 1$/m.exec(proposed.stdout)![1]!;
      expect(proposed.stderr).toBe(`sent to CERT-B (${b.partyId})\n`);
      expect(await ok(['agreement', 'show', agreement, '--data', b.dir])).toMatch(new RegExp(`^agreement ${agreement} version 1: not in force\nsigned by: ${a.partyId}\nmissing: ${b.partyId}\n`));
      // Not in force yet: A cannot send under it.
      const early = await runParley(['send', 'ping', '--to', 'CERT-B', '--body', 'x', '--data', a.dir]);
      expect(early.status).toBe(1);
      expect(early.stderr).toMatch(/^parley: no agreement in force between /);
      const signed = await runParley(['agreement', 'sign', agreement, '--data', b.dir]);
      expect(signed.stdout).toBe(`agreement ${agreement} version 1 signed; in force\n`);
      expect(signed.stderr).toBe(`sent to CERT-A (${a.partyId})\n`);
      expect(await ok(['agreement', 'show', '--data', a.dir])).toBe(`${agreement}\t1\tin force (version 1)\tA-B hotline\n`);
    });

    it('sends a notification nobody acknowledges (its deadline will be missed)', async () => {
      const sent = await runParley(['send', 'notification', '--to', 'CERT-B', '--subject', 'Unanswered', '--body', 'Nobody will answer this.',
        '--evidence', evidenceFile(a.dir), '--priority', 'flash', '--tlp', 'amber', '--sector', 'energy', '--severity', 'high', '--data', a.dir]);
      expect(sent.status).toBe(0);
      missed = sent.stdout.trim();
      expect(sent.stderr).toBe(`delivered to CERT-B (${b.partyId})\n`);
    });

    it('delivers a notification with indicators A→B, verified and stored on B', async () => {
      const sent = await runParley(['send', 'notification', '--to', 'CERT-B', '--subject', 'Ransomware at a hospital', '--body', 'Encryption since 07:40 UTC.',
        '--evidence', evidenceFile(a.dir), '--priority', 'urgent', '--tlp', 'amber', '--sector', 'healthcare', '--severity', 'critical',
        '--regime', 'nis2', '--awareness-time', new Date().toISOString(), '--data', a.dir]);
      expect(sent.status).toBe(0);
      notification = sent.stdout.trim();
      expect(notification).toMatch(/^x-parley-message--[0-9a-f-]{36}$/);
      const inbox = await ok(['inbox', '--data', b.dir]);
      expect(inbox).toContain(`\treceived\tnotification\turgent\tTLP:AMBER\tCERT-A\t${notification}\t${notification}\tRansomware at a hospital\n`);
      const thread = await ok(['thread', notification, '--data', a.dir]);
      expect(thread).toContain(`\tsent\tnotification\tCERT-A\t${notification}\tTLP:AMBER\tRansomware at a hospital\treceipt:CERT-B\n`);
      expect(await deadlineLine(b, notification)).toMatch(new RegExp(`^deadline\topen\t${notification}\tnotification\turgent\tCERT-B\tCERT-A\t`));
      expect(await ok(['deadlines', '--data', b.dir])).toMatch(new RegExp(`^clock\topen\t${notification}\tnis2-early-warning\t`, 'm'));
    });

    it('is acknowledged and answered by a person on B, then closed by A; deadlines met on both sides', async () => {
      const ack = await runParley(['ack', notification, '--body', 'Duty officer on it.', '--data', b.dir]);
      expect(ack.status).toBe(0);
      expect(ack.stderr).toBe(`delivered to CERT-A (${a.partyId})\n`);
      expect(await deadlineLine(a, notification)).toMatch(/^deadline\tacknowledged\t/);
      expect(await deadlineLine(b, notification)).toMatch(/^deadline\tacknowledged\t/);
      await ok(['respond', notification, '--body', 'Contained.', '--actions-taken', 'C2 null-routed.', '--data', b.dir]);
      for (const n of [a, b]) expect(await deadlineLine(n, notification)).toMatch(/^deadline\tanswered\t.*\t-$/);
      await ok(['close', notification, '--outcome', 'resolved', '--body', 'Restored from backup.', '--data', a.dir]);
      for (const n of [a, b]) expect(await deadlineLine(n, notification)).toMatch(/^deadline\tclosed\t.*\t-$/);
      const thread = (await ok(['thread', notification, '--data', b.dir])).split('\n').filter((l) => l.startsWith('20')).map((l) => l.split('\t').slice(1, 4).join(' '));
      expect(thread).toEqual(['received notification CERT-A', 'sent acknowledgement CERT-B', 'sent response CERT-B', 'received closure CERT-A']);
    });

    it('answers a ping by hand', async () => {
      const ping = (await ok(['ping', 'CERT-B', '--data', a.dir])).trim();
      await ok(['ping-reply', ping, '--body', 'J. Doe here.', '--data', b.dir]);
      expect(await deadlineLine(a, ping)).toMatch(new RegExp(`^deadline\tanswered\t${ping}\tping\troutine\tCERT-B\tCERT-A\t`));
    });

    it('escalates the missed deadline once on both sides, also across a restart', async () => {
      const escalated = async (n: TestNode) => /^deadline\toverdue\t.*\tescalated:acknowledge@[^,]+,respond@\S+$/.test(await deadlineLine(n, missed));
      expect(await waitFor(async () => (await escalated(a)) && (await escalated(b)), 75_000)).toBe(true);
      const events = async (n: TestNode) => (await logKinds(n)).filter((e) => e.kind === 'deadline-event' && e.object_id === missed);
      expect((await events(a)).map((e) => e.detail?.step)).toEqual(['acknowledge', 'respond']);
      expect((await events(b)).map((e) => e.detail?.step)).toEqual(['acknowledge', 'respond']);
      await stop(b);
      await serve(b);
      await new Promise((r) => setTimeout(r, 2500));
      expect(await events(b)).toHaveLength(2);
      expect((await ok(['deadlines', '--state', 'overdue', '--data', b.dir])).trim().split('\n')).toHaveLength(1);
    }, 240_000);

    it('verifies on both nodes, and each holds the other\'s checkpoints', async () => {
      for (const [n, other] of [[a, b], [b, a]] as const) {
        const verify = await runParley(['verify', '--data', n.dir]);
        expect(verify.stdout).toMatch(/^PASS ledger: \d+ entries, \d+ checkpoints verified\nPASS messages: \d+ signatures verified\nPASS agreements: 1 versions, 2 signatures verified\nPASS receipts: \d+ counterpart receipts verified\nverify: OK\n$/);
        expect(verify.status).toBe(0);
        const held = (await logKinds(n)).filter((e) => e.kind === 'checkpoint-received');
        expect(held.length).toBeGreaterThan(0);
        expect(held.every((e) => e.object_id === other.partyId)).toBe(true);
      }
    });

    it.runIf(backend.name === 'postgres')('keeps the node on PostgreSQL: recorded in node.json, no parley.db, passwords sealed, --database overrides', async () => {
      const [da, db] = databases;
      for (const [n, d] of [[a, da!], [b, db!]] as const) {
        expect(JSON.parse(readFileSync(join(n.dir, 'node.json'), 'utf8'))).toEqual({ database: d.url });
        expect(statSync(join(n.dir, 'node.json')).mode & 0o777).toBe(0o600);
        expect(existsSync(join(n.dir, 'parley.db'))).toBe(false);
        const client = new pg.Client({ connectionString: d.url });
        await client.connect();
        try {
          const rows = (await client.query<{ password: string }>('SELECT password FROM node_credentials')).rows;
          expect(rows).toHaveLength(1);
          expect(rows[0]!.password).toMatch(/^sealed:v1:/);
          expect(rows[0]!.password).not.toContain('secret-of-');
        } finally {
          await client.end();
        }
      }
      // --database names the store when node.json does not: a copy of A's keys alone is A's node on A's database.
      const copy = mkdtempSync(join(tmpdir(), 'parley-keys-only-'));
      try {
        cpSync(join(a.dir, 'keys'), join(copy, 'keys'), { recursive: true });
        expect((await runParley(['inbox', '--data', copy])).stderr).toMatch(/is not an initialised Parley data directory/);
        expect(await ok(['inbox', '--data', copy, '--database', da!.url])).toBe(await ok(['inbox', '--data', a.dir]));
        // ... and wins over node.json: B's data dir with A's database lists A's collections.
        expect(await ok(['collection', 'list', '--data', b.dir, '--database', da!.url])).toContain(a.inbox);
        expect(await ok(['collection', 'list', '--data', b.dir])).not.toContain(a.inbox);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });
  });
}
