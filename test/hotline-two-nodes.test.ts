import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParley } from './parley-process.ts';
import { evidenceFile, introduce, ok, serve, startNode, stop, waitFor, type TestNode } from './hotline-harness.ts';

let a: TestNode;
let b: TestNode;

beforeAll(async () => {
  [a, b] = await Promise.all([startNode('CERT-A'), startNode('CERT-B')]);
  introduce(a, b);
}, 120_000);

afterAll(async () => {
  for (const n of [a, b]) {
    if (!n) continue;
    await stop(n);
    rmSync(n.dir, { recursive: true, force: true });
  }
});

/** Log entries of a node by kind, read straight from its database. */
function logKinds(node: TestNode): { kind: string; object_id: string; detail?: Record<string, unknown> }[] {
  const db = new Database(join(node.dir, 'parley.db'), { readonly: true });
  try {
    return db.prepare<[], { leaf: Buffer }>('SELECT leaf FROM ledger_entries ORDER BY idx').all().map((r) => JSON.parse(r.leaf.toString('utf8')));
  } finally {
    db.close();
  }
}

const deadlineLine = (node: TestNode, messageId: string) => ok(['deadlines', '--data', node.dir]).split('\n').find((l) => l.includes(messageId)) ?? '';

describe('two Parley nodes over real HTTP', { timeout: 90_000 }, () => {
  let agreement = '';
  let missed = '';
  let notification = '';

  it('agrees: proposed by A, in force only once B has signed too', () => {
    const proposed = runParley(['agreement', 'propose', '--party', 'CERT-B', '--name', 'A-B hotline', '--deadline', 'notification:urgent:1:2',
      '--deadline', 'notification:flash:1:1', '--deadline', 'ping:routine:1:1', '--sector', 'healthcare', '--sector', 'energy', '--data', a.dir]);
    expect(proposed.status).toBe(0);
    agreement = /^agreement (\S+) version 1$/m.exec(proposed.stdout)![1]!;
    expect(proposed.stderr).toBe(`sent to CERT-B (${b.partyId})\n`);
    expect(ok(['agreement', 'show', agreement, '--data', b.dir])).toMatch(new RegExp(`^agreement ${agreement} version 1: not in force\nsigned by: ${a.partyId}\nmissing: ${b.partyId}\n`));
    // Not in force yet: A cannot send under it.
    const early = runParley(['send', 'ping', '--to', 'CERT-B', '--body', 'x', '--data', a.dir]);
    expect(early.status).toBe(1);
    expect(early.stderr).toMatch(/^parley: no agreement in force between /);
    const signed = runParley(['agreement', 'sign', agreement, '--data', b.dir]);
    expect(signed.stdout).toBe(`agreement ${agreement} version 1 signed; in force\n`);
    expect(signed.stderr).toBe(`sent to CERT-A (${a.partyId})\n`);
    expect(ok(['agreement', 'show', '--data', a.dir])).toBe(`${agreement}\t1\tin force (version 1)\tA-B hotline\n`);
  });

  it('sends a notification nobody acknowledges (its deadline will be missed)', () => {
    const sent = runParley(['send', 'notification', '--to', 'CERT-B', '--subject', 'Unanswered', '--body', 'Nobody will answer this.',
      '--evidence', evidenceFile(a.dir), '--priority', 'flash', '--tlp', 'amber', '--sector', 'energy', '--severity', 'high', '--data', a.dir]);
    expect(sent.status).toBe(0);
    missed = sent.stdout.trim();
    expect(sent.stderr).toBe(`delivered to CERT-B (${b.partyId})\n`);
  });

  it('delivers a notification with indicators A→B, verified and stored on B', () => {
    const sent = runParley(['send', 'notification', '--to', 'CERT-B', '--subject', 'Ransomware at a hospital', '--body', 'Encryption since 07:40 UTC.',
      '--evidence', evidenceFile(a.dir), '--priority', 'urgent', '--tlp', 'amber', '--sector', 'healthcare', '--severity', 'critical',
      '--regime', 'nis2', '--awareness-time', new Date().toISOString(), '--data', a.dir]);
    expect(sent.status).toBe(0);
    notification = sent.stdout.trim();
    expect(notification).toMatch(/^x-parley-message--[0-9a-f-]{36}$/);
    const inbox = ok(['inbox', '--data', b.dir]);
    expect(inbox).toContain(`\treceived\tnotification\turgent\tTLP:AMBER\tCERT-A\t${notification}\t${notification}\tRansomware at a hospital\n`);
    const thread = ok(['thread', notification, '--data', a.dir]);
    expect(thread).toContain(`\tsent\tnotification\tCERT-A\t${notification}\tTLP:AMBER\tRansomware at a hospital\treceipt:CERT-B\n`);
    expect(deadlineLine(b, notification)).toMatch(new RegExp(`^deadline\topen\t${notification}\tnotification\turgent\tCERT-B\tCERT-A\t`));
    expect(ok(['deadlines', '--data', b.dir])).toMatch(new RegExp(`^clock\topen\t${notification}\tnis2-early-warning\t`, 'm'));
  });

  it('is acknowledged and answered by a person on B, then closed by A; deadlines met on both sides', () => {
    const ack = runParley(['ack', notification, '--body', 'Duty officer on it.', '--data', b.dir]);
    expect(ack.status).toBe(0);
    expect(ack.stderr).toBe(`delivered to CERT-A (${a.partyId})\n`);
    expect(deadlineLine(a, notification)).toMatch(/^deadline\tacknowledged\t/);
    expect(deadlineLine(b, notification)).toMatch(/^deadline\tacknowledged\t/);
    ok(['respond', notification, '--body', 'Contained.', '--actions-taken', 'C2 null-routed.', '--data', b.dir]);
    for (const n of [a, b]) expect(deadlineLine(n, notification)).toMatch(/^deadline\tanswered\t.*\t-$/);
    ok(['close', notification, '--outcome', 'resolved', '--body', 'Restored from backup.', '--data', a.dir]);
    for (const n of [a, b]) expect(deadlineLine(n, notification)).toMatch(/^deadline\tclosed\t.*\t-$/);
    const thread = ok(['thread', notification, '--data', b.dir]).split('\n').filter((l) => l.startsWith('20')).map((l) => l.split('\t').slice(1, 4).join(' '));
    expect(thread).toEqual(['received notification CERT-A', 'sent acknowledgement CERT-B', 'sent response CERT-B', 'received closure CERT-A']);
  });

  it('answers a ping by hand', () => {
    const ping = ok(['ping', 'CERT-B', '--data', a.dir]).trim();
    ok(['ping-reply', ping, '--body', 'J. Doe here.', '--data', b.dir]);
    expect(deadlineLine(a, ping)).toMatch(new RegExp(`^deadline\tanswered\t${ping}\tping\troutine\tCERT-B\tCERT-A\t`));
  });

  it('escalates the missed deadline once on both sides, also across a restart', async () => {
    const escalated = (n: TestNode) => /^deadline\toverdue\t.*\tescalated:acknowledge@[^,]+,respond@\S+$/.test(deadlineLine(n, missed));
    expect(await waitFor(() => escalated(a) && escalated(b), 75_000)).toBe(true);
    const events = (n: TestNode) => logKinds(n).filter((e) => e.kind === 'deadline-event' && e.object_id === missed);
    expect(events(a).map((e) => e.detail?.step)).toEqual(['acknowledge', 'respond']);
    expect(events(b).map((e) => e.detail?.step)).toEqual(['acknowledge', 'respond']);
    await stop(b);
    await serve(b);
    await new Promise((r) => setTimeout(r, 2500));
    expect(events(b)).toHaveLength(2);
    expect(ok(['deadlines', '--state', 'overdue', '--data', b.dir]).trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('verifies on both nodes, and each holds the other\'s checkpoints', () => {
    for (const [n, other] of [[a, b], [b, a]] as const) {
      const verify = runParley(['verify', '--data', n.dir]);
      expect(verify.stdout).toMatch(/^PASS ledger: \d+ entries, \d+ checkpoints verified\nPASS messages: \d+ signatures verified\nPASS agreements: 1 versions, 2 signatures verified\nPASS receipts: \d+ counterpart receipts verified\nverify: OK\n$/);
      expect(verify.status).toBe(0);
      const held = logKinds(n).filter((e) => e.kind === 'checkpoint-received');
      expect(held.length).toBeGreaterThan(0);
      expect(held.every((e) => e.object_id === other.partyId)).toBe(true);
    }
  });
});
