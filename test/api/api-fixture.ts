import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createApiApp } from '../../src/api/api-app.ts';
import type { ApiReadNode } from '../../src/api/api-node.ts';
import { serveConsole } from '../../src/api/console-static.ts';
import type { Agreement } from '../../src/hotline/agreement.ts';
import { applyAnswer, deadlinesFor } from '../../src/hotline/deadlines.ts';
import type { StixObject } from '../../src/hotline/evidence.ts';
import { buildMessage, type Message, type MessageInit } from '../../src/hotline/message.ts';
import { signObject } from '../../src/hotline/signature.ts';
import { incidentObject, indicatorObject, signedAgreement, testParty, type TestParty } from '../../src/hotline/test-fixtures.ts';
import { objectDigest } from '../../src/ledger/log-entry.ts';
import { MerkleLog } from '../../src/ledger/merkle-log.ts';
import type { MessageDirection } from '../../src/store/hotline-store.ts';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { SqliteHotlineStore, hotlineMigrations } from '../../src/store/sqlite/sqlite-hotline-store.ts';
import { SqliteLogStore, logMigrations } from '../../src/store/sqlite/sqlite-log-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { SqliteSessionStore, sessionMigrations } from '../../src/store/sqlite/sqlite-session-store.ts';

/** The fixture's clock: every view is computed at this instant. */
export const NOW = new Date('2026-11-23T10:00:00.000Z');
const MINUTE = 60_000;
export const PASSWORD = 'correct horse battery';

/** A node assembled from the real stores, log and hotline domain, served over a real socket on 127.0.0.1. */
export interface ApiFixture {
  url: string;
  node: ApiReadNode;
  a: TestParty;
  b: TestParty;
  c: TestParty;
  agreementAB: Agreement;
  threads: { overdueNotification: Message; sentRequest: Message; acknowledgedConsultation: Message; answeredPing: Message; forged: Message };
  inboxCollection: string;
  basic(user: string, password?: string): string;
  close(): Promise<void>;
}

/**
 * Node A, with counterparts B (agreement in force, checks answered) and C (agreement in force, never answered:
 * dormant). Threads: an overdue flash notification from B with evidence, an urgent request to B, a consultation
 * from B that A acknowledged, an answered ping to B, and a message claiming to be from B but signed by C.
 */
export async function startApiFixture(dist?: string): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-api-'));
  const store = openSqliteStore(dir);
  migrate(store.sqlite, [hotlineMigrations, logMigrations, sessionMigrations]);
  const hotline = new SqliteHotlineStore(store.sqlite, { passwordCost: 16384 });
  const logStore = new SqliteLogStore(store.sqlite);
  const [a, b, c] = [testParty('CERT-A'), testParty('CERT-B'), testParty('CERT-C')];
  await hotline.putParty(a.party, { own: true });
  await hotline.putParty(b.party, { own: false });
  await hotline.putParty(c.party, { own: false });
  const agreementAB = signedAgreement([a, b]);
  await hotline.putAgreementVersion(agreementAB);
  await hotline.putAgreementVersion(signedAgreement([a, c]));
  const log = new MerkleLog({ store: logStore, origin: a.party.id, keyId: a.signer.keyId, privateKey: a.signer.privateKey, now: () => NOW });
  const store2 = Object.freeze({ ...store, hotline, log: logStore, sessions: new SqliteSessionStore(store.sqlite) });
  const inboxCollection = (await store.collections.addCollection({ title: 'Inbox', description: 'messages and evidence received' })).id;
  await store.collections.addCollection({ title: 'Indicators' });

  const at = (minutesBeforeNow: number) => NOW.getTime() - minutesBeforeNow * MINUTE;
  const record = async (from: TestParty, direction: MessageDirection, init: Omit<MessageInit, 'senderRef' | 'agreementRef' | 'lang' | 'tlp'> & { tlp?: MessageInit['tlp'] }, signer = from.signer) => {
    const message = signObject(buildMessage({ lang: 'en', tlp: 'amber', agreementRef: agreementAB.id, senderRef: from.party.id, ...init }), signer);
    await hotline.putMessage(message, direction, new Date(Date.parse(message.created) + 1000).toISOString());
    await log.append({ kind: direction === 'sent' ? 'message-sent' : 'message-received', object_id: message.id, object_modified: message.modified, digest: objectDigest(message) });
    for (const deadline of deadlinesFor(message, agreementAB)) await hotline.putDeadline(deadline);
    if (message.in_reply_to_ref) {
      for (const d of await hotline.listDeadlines({ threadId: message.thread_id })) await hotline.putDeadline(applyAnswer(d, message));
    }
    return message;
  };

  const incident: StixObject = incidentObject(b.party.id);
  const indicator: StixObject = indicatorObject(b.party.id, 'amber');
  await store.objects.put(inboxCollection, [incident, indicator]);
  const overdueNotification = await record(b, 'received', {
    kind: 'notification', recipientRefs: [a.party.id], priority: 'flash', subject: 'Ransomware at a regional hospital',
    body: 'Encryption of clinical systems since 07:40 UTC.', evidence: [incident, indicator], at: at(30),
    details: { incident_ref: incident.id, sector: 'healthcare', severity: 'critical' },
  });
  const sentRequest = await record(a, 'sent', {
    kind: 'request', recipientRefs: [b.party.id], priority: 'urgent', subject: 'Scan source in your network', body: 'Please look.',
    at: at(10), details: { request_type: 'information', requested_action: 'Tell us who runs 198.51.100.7' },
  });
  const acknowledgedConsultation = await record(b, 'received', {
    kind: 'consultation', recipientRefs: [a.party.id], priority: 'routine', subject: 'Scanning of water utilities', body: 'Do you see it?', at: at(300),
  });
  await record(a, 'sent', { kind: 'acknowledgement', recipientRefs: [b.party.id], priority: 'routine', subject: 'Re: Scanning', body: 'On it', replyTo: acknowledgedConsultation, at: at(290) });
  const answeredPing = await record(a, 'sent', { kind: 'ping', recipientRefs: [b.party.id], priority: 'routine', subject: 'Communication check', body: '', at: at(2 * 24 * 60) });
  await record(b, 'received', { kind: 'ping-reply', recipientRefs: [a.party.id], priority: 'routine', subject: 'Re: Communication check', body: 'Here', replyTo: answeredPing, at: at(2 * 24 * 60 - 12) });
  const forged = await record(b, 'received', {
    kind: 'consultation', recipientRefs: [a.party.id], priority: 'routine', subject: 'Forged', body: 'Not really from B', at: at(3 * 24 * 60),
  }, { ...c.signer, keyId: b.signer.keyId });

  for (const [name, role] of [['officer', 'duty-officer'], ['supervisor', 'supervisor'], ['admin', 'administrator']] as const) {
    await hotline.createOperator(name, PASSWORD, role);
  }
  const node: ApiReadNode = { store: store2, log, self: a.party };
  const root = new Hono();
  root.route('/api', createApiApp({ node, now: () => NOW }));
  serveConsole(root, dist === undefined ? {} : { dist });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    node, a, b, c, agreementAB, inboxCollection,
    threads: { overdueNotification, sentRequest, acknowledgedConsultation, answeredPing, forged },
    basic: (user, password = PASSWORD) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
