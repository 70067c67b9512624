import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isParleyError } from '../errors.ts';
import { amendAgreement, signAgreement, versionInForce } from '../hotline/agreement.ts';
import { applyAnswer, checkOverdue, deadlinesFor } from '../hotline/deadlines.ts';
import { buildMessage, type Message, type MessageInit } from '../hotline/message.ts';
import { regulatoryClocks } from '../hotline/regulatory-clocks.ts';
import { signObject } from '../hotline/signature.ts';
import { incidentObject, partyLookup, signedAgreement, testParty } from '../hotline/test-fixtures.ts';
import type { HotlineStore } from './hotline-store.ts';
import { MIN_PASSWORD_COST } from './operator-password.ts';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite/database.ts';
import { migrate } from './sqlite/migrate.ts';
import { hotlineMigrations, SqliteHotlineStore } from './sqlite/sqlite-hotline-store.ts';
import { openPostgresStore, type PostgresStore } from './postgres/postgres-store.ts';
import { createTestDatabase } from '../../test/support/postgres-database.ts';

interface Backend {
  name: string;
  /** A fresh store, and a function reopening the same data as a new store (a restart). */
  open(): Promise<{ store: HotlineStore; reopen(): Promise<HotlineStore>; close(): Promise<void> }>;
}

function sqliteBackend(): Backend {
  return {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'parley-hotline-'));
      const path = join(dir, 'node.db');
      const handles: SqliteDatabase[] = [];
      const connect = () => {
        const db = openSqliteDatabase(path);
        handles.push(db);
        migrate(db, [hotlineMigrations]);
        // The lowest accepted cost keeps the suite fast; the default cost is tested in operator-password.test.ts.
        return new SqliteHotlineStore(db, { passwordCost: MIN_PASSWORD_COST });
      };
      return {
        store: connect(),
        reopen: async () => connect(),
        async close() {
          for (const db of handles) db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

const a = testParty('CERT-A');
const b = testParty('CERT-B');
const agreement = signedAgreement([a, b]);
const at = (iso: string) => new Date(iso);

function message(overrides: Partial<MessageInit> = {}): Message {
  return signObject(
    buildMessage({
      kind: 'consultation', senderRef: a.party.id, recipientRefs: [b.party.id], agreementRef: agreement.id, priority: 'urgent',
      lang: 'en', subject: 'Scanning', body: 'Seen it?', tlp: 'amber', at: at('2026-03-01T09:00:00.000Z'), ...overrides,
    }),
    a.signer,
  );
}

async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isParleyError(error) ? error.code : String(error);
  }
}

function postgresBackend(): Backend {
  return {
    name: 'postgres',
    async open() {
      const database = await createTestDatabase();
      const stores: PostgresStore[] = [];
      // A restart is a new pool on the same database; the lowest accepted scrypt cost keeps the suite fast.
      const connect = async () => {
        const store = await openPostgresStore(database.url, { maxConnections: 3, passwordCost: MIN_PASSWORD_COST });
        stores.push(store);
        return store.hotline;
      };
      return {
        store: await connect(),
        reopen: connect,
        async close() {
          for (const store of stores) await store.close();
          await database.drop();
        },
      };
    },
  };
}

for (const backend of [sqliteBackend(), postgresBackend()]) {
  describe(`${backend.name}: hotline store`, () => {
    let opened: Awaited<ReturnType<Backend['open']>> | undefined;
    const fresh = async () => (opened = await backend.open());
    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });

    it('keeps parties, one of them this node’s own, across a restart', async () => {
      const { store, reopen } = await fresh();
      await store.putParty(b.party, { own: true });
      await store.putParty(a.party, { own: false });
      expect(await rejection(store.putParty(testParty('X').party, { own: true }))).toBe('CONFLICT');
      const again = await reopen();
      expect(await again.getOwnParty()).toEqual(b.party);
      expect(await again.getParty(a.party.id)).toEqual(a.party);
      expect((await again.listParties()).map((p) => [p.party.name, p.own])).toEqual([['CERT-B', true], ['CERT-A', false]]);
    });

    it('replaces a party only with a newer record and refuses an invalid one', async () => {
      const { store } = await fresh();
      await store.putParty(a.party, { own: false });
      const newer = { ...a.party, name: 'CERT-A (renamed)', modified: '2026-06-01T00:00:00.000Z' };
      await store.putParty(newer, { own: false });
      await store.putParty({ ...a.party, name: 'stale' }, { own: false });
      expect((await store.getParty(a.party.id))?.name).toBe('CERT-A (renamed)');
      expect(await rejection(store.putParty({ ...a.party, type: 'indicator' } as never, { own: false }))).toBe('INVALID_STIX');
      expect((await store.getParty(a.party.id))?.name).toBe('CERT-A (renamed)');
    });

    it('keeps every agreement version with its signatures; content of a version never changes', async () => {
      const { store, reopen } = await fresh();
      const v1 = agreement;
      let v2 = amendAgreement(v1, { name: 'Amended' }, at('2026-05-01T00:00:00.000Z'));
      await store.putAgreementVersion(v1);
      await store.putAgreementVersion(v2);
      v2 = signAgreement(v2, a.signer);
      await store.putAgreementVersion(v2);
      expect(await rejection(store.putAgreementVersion({ ...v2, name: 'Rewritten' }))).toBe('CONFLICT');
      const versions = await (await reopen()).getAgreementVersions(v1.id);
      expect(versions).toEqual([v1, v2]);
      expect(versionInForce(versions, partyLookup([a, b]))?.version).toBe(1);
      expect((await store.listAgreements()).map((x) => x.version)).toEqual([2]);
    });

    it('changes the directory revision with every committed change to parties or agreements, seen by every connection', async () => {
      const { store, reopen } = await fresh();
      const other = await reopen();
      const revisions = [await store.directoryRevision()];
      const changed = async () => {
        const revision = await store.directoryRevision();
        expect(revisions).not.toContain(revision);
        expect(await other.directoryRevision()).toBe(revision);
        revisions.push(revision);
      };
      await store.putParty(a.party, { own: false });
      await changed();
      await store.putParty({ ...a.party, name: 'CERT-A (renamed)', modified: '2026-06-01T00:00:00.000Z' }, { own: false });
      await changed();
      await store.putAgreementVersion(agreement);
      await changed();
      await store.putAgreementVersion(signAgreement(amendAgreement(agreement, { name: 'Amended' }), a.signer));
      await changed();
      await store.putMessage(message(), 'sent');
      expect(await store.directoryRevision()).toBe(revisions.at(-1));
    });

    it('refuses a version not modified after the one before it', async () => {
      const { store } = await fresh();
      await store.putAgreementVersion(agreement);
      const v2 = { ...amendAgreement(agreement, {}), modified: agreement.modified };
      expect(await rejection(store.putAgreementVersion(v2))).toBe('CONFLICT');
    });

    it('stores messages by id and modified, lists threads and pages the inbox, and refuses a replay', async () => {
      const { store, reopen } = await fresh();
      const first = message();
      const reply = signObject(
        buildMessage({ kind: 'acknowledgement', senderRef: b.party.id, recipientRefs: [a.party.id], agreementRef: agreement.id, priority: 'urgent', lang: 'en', subject: 'Ack', body: '', tlp: 'amber', replyTo: first, at: at('2026-03-01T09:05:00.000Z') }),
        b.signer,
      );
      const other = message({ subject: 'Other', at: at('2026-03-02T09:00:00.000Z') });
      await store.putMessage(first, 'received', '2026-03-01T09:00:01.000Z');
      await store.putMessage(reply, 'sent');
      await store.putMessage(other, 'received');
      expect(await rejection(store.putMessage(first, 'received'))).toBe('REPLAY');
      expect(await rejection(store.putMessage({ ...first, id: 'x-parley-message--bad' } as Message, 'received'))).toBe('INVALID_STIX');

      const again = await reopen();
      expect(await again.hasMessage(first.id)).toBe(true);
      expect(await again.hasMessage(message().id)).toBe(false);
      expect((await again.getMessage(first.id))?.message).toEqual(first);
      expect((await again.getMessage(first.id, '2026-03-01T09:00:00Z'))?.storedAt).toBe('2026-03-01T09:00:01.000Z');
      expect(await again.getMessage(first.id, '2026-03-01T10:00:00.000Z')).toBeUndefined();
      expect((await again.listThread(first.id)).map((m) => m.message.kind)).toEqual(['consultation', 'acknowledgement']);
      const inbox = await again.listMessages({ direction: 'received' });
      expect(inbox.map((m) => m.message.id)).toEqual([other.id, first.id]);
      const page = await again.listMessages({ limit: 2 });
      expect(page.map((m) => m.message.id)).toEqual([other.id, reply.id]);
      expect((await again.listMessages({ beforeSeq: page[1].seq })).map((m) => m.message.id)).toEqual([first.id]);
    });

    it('keeps deadlines with their state and escalations across a restart', async () => {
      const { store, reopen } = await fresh();
      const incident = incidentObject(a.party.id);
      const notification = message({ kind: 'notification', priority: 'flash', evidence: [incident], details: { incident_ref: incident.id, sector: 'energy', severity: 'critical' } });
      const [deadline] = deadlinesFor(notification, agreement);
      await store.putDeadline(deadline);
      const overdue = checkOverdue(deadline, Date.parse('2026-03-01T09:16:00.000Z')).deadline;
      await store.putDeadline(overdue);
      const again = await reopen();
      const stored = await again.getDeadline(notification.id, b.party.id);
      expect(stored).toEqual(overdue);
      expect(stored?.escalations).toHaveLength(1);
      expect(checkOverdue(stored!, Date.parse('2026-03-01T09:17:00.000Z')).newEscalations).toEqual([]);
      expect((await again.listDeadlines({ states: ['overdue'] })).map((d) => d.messageId)).toEqual([notification.id]);
      expect(await again.listDeadlines({ states: ['open', 'acknowledged'] })).toEqual([]);
      expect(await again.listDeadlines({ threadId: notification.thread_id })).toHaveLength(1);
      const ack = buildMessage({ kind: 'acknowledgement', senderRef: b.party.id, recipientRefs: [a.party.id], agreementRef: agreement.id, priority: 'flash', lang: 'en', subject: 'Ack', body: '', tlp: 'amber', replyTo: notification, at: at('2026-03-01T09:20:00.000Z') });
      expect(await rejection(again.putDeadline({ ...stored!, state: 'forgotten' as never }))).toBe('BAD_REQUEST');
      expect(await rejection(again.putDeadline({ ...stored!, acknowledgeBy: 'tomorrow' }))).toBe('BAD_REQUEST');
      expect(await again.getDeadline(notification.id, b.party.id)).toEqual(overdue);
      await again.putDeadline(applyAnswer(stored!, ack));
      expect((await again.listDeadlines()).map((d) => d.state)).toEqual(['acknowledged']);
    });

    it('keeps regulatory clocks by notification and state', async () => {
      const { store } = await fresh();
      const clocks = regulatoryClocks({ regimes: ['nis2', 'circia'], awareness_time: '2026-03-01T08:00:00.000Z' }).map((c) => ({ ...c, messageId: 'x-parley-message--9f0e1a4e-3f5c-4c38-8d4c-1f1f6f3f9a01' }));
      await store.putRegulatoryClocks(clocks);
      await store.putRegulatoryClocks([{ ...clocks[0], state: 'met', metAt: '2026-03-01T20:00:00.000Z' }]);
      expect(await rejection(store.putRegulatoryClocks([clocks[1], { ...clocks[2], due: 'soon' }]))).toBe('BAD_REQUEST');
      const open = await store.listRegulatoryClocks({ states: ['open'] });
      expect(open.map((c) => c.obligation)).toEqual(['circia-covered-incident-report', 'nis2-incident-notification', 'nis2-final-report']);
      expect((await store.listRegulatoryClocks({ messageId: clocks[0].messageId })).length).toBe(4);
    });

    it('replaces a deadline or regulatory clock only while it is still as read (compare-and-set)', async () => {
      const { store } = await fresh();
      const incident = incidentObject(a.party.id);
      const notification = message({ kind: 'notification', priority: 'flash', evidence: [incident], details: { incident_ref: incident.id, sector: 'energy', severity: 'critical' } });
      const [deadline] = deadlinesFor(notification, agreement);
      await store.putDeadline(deadline);
      const read = (await store.getDeadline(notification.id, b.party.id))!;
      const overdue = checkOverdue(read, Date.parse('2026-03-01T09:16:00.000Z')).deadline;
      expect(await store.replaceDeadline(read, overdue)).toBe(true);
      // A second check that read the same state loses: nothing is written.
      const twice = checkOverdue(read, Date.parse('2026-03-01T09:17:00.000Z')).deadline;
      expect(await store.replaceDeadline(read, twice)).toBe(false);
      expect(await store.getDeadline(notification.id, b.party.id)).toEqual(overdue);
      expect((await store.listDeadlines({ states: ['overdue'] })).map((d) => d.messageId)).toEqual([notification.id]);
      expect(await store.replaceDeadline({ ...read, owedBy: a.party.id }, { ...overdue, owedBy: a.party.id })).toBe(false);
      expect(await rejection(store.replaceDeadline(overdue, { ...overdue, state: 'forgotten' as never }))).toBe('BAD_REQUEST');
      expect(await rejection(store.replaceDeadline(overdue, { ...overdue, owedBy: a.party.id }))).toBe('BAD_REQUEST');

      const clocks = regulatoryClocks({ regimes: ['nis2'], awareness_time: '2026-03-01T08:00:00.000Z' }).map((c) => ({ ...c, messageId: notification.id }));
      await store.putRegulatoryClocks(clocks);
      const [clock] = await store.listRegulatoryClocks({ messageId: notification.id });
      const escalated = { ...clock!, state: 'overdue' as const, escalatedAt: '2026-03-02T09:00:00.000Z' };
      expect(await store.replaceRegulatoryClock(clock!, escalated)).toBe(true);
      expect(await store.replaceRegulatoryClock(clock!, { ...escalated, escalatedAt: '2026-03-02T09:01:00.000Z' })).toBe(false);
      expect((await store.listRegulatoryClocks({ messageId: notification.id })).find((c) => c.obligation === clock!.obligation)).toEqual(escalated);
    });

    it('keeps operators with scrypt-hashed passwords and roles', async () => {
      const { store, reopen } = await fresh();
      const created = await store.createOperator('duty1', 'correct horse battery', 'duty-officer');
      expect(created.role).toBe('duty-officer');
      expect(await rejection(store.createOperator('duty1', 'another long password', 'supervisor'))).toBe('CONFLICT');
      expect(await rejection(store.createOperator('Bad Name', 'another long password', 'supervisor'))).toBe('BAD_REQUEST');
      expect(await rejection(store.createOperator('short', 'tiny', 'supervisor'))).toBe('BAD_REQUEST');
      expect(await rejection(store.createOperator('boss', 'another long password', 'king' as never))).toBe('BAD_REQUEST');
      const again = await reopen();
      expect((await again.authenticateOperator('duty1', 'correct horse battery'))?.username).toBe('duty1');
      expect(await again.authenticateOperator('duty1', 'wrong horse battery')).toBeUndefined();
      expect(await again.authenticateOperator('nobody', 'correct horse battery')).toBeUndefined();
      expect((await again.setOperatorRole('duty1', 'supervisor')).role).toBe('supervisor');
      await again.setOperatorPassword('duty1', 'a brand new passphrase');
      expect(await again.authenticateOperator('duty1', 'correct horse battery')).toBeUndefined();
      expect((await again.authenticateOperator('duty1', 'a brand new passphrase'))?.role).toBe('supervisor');
      expect(await rejection(again.setOperatorRole('ghost', 'administrator'))).toBe('NOT_FOUND');
      expect((await again.listOperators()).map((o) => o.username)).toEqual(['duty1']);
    });
  });
}

describe('hotline migrations', () => {
  it('apply once beside other modules on a shared handle', () => {
    const db = openSqliteDatabase(':memory:');
    migrate(db, [hotlineMigrations, { module: 'other', steps: ['CREATE TABLE other_things (x INTEGER)'] }]);
    migrate(db, [hotlineMigrations]);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'hotline_%' ORDER BY name").all();
    expect(tables.map((t) => t.name)).toEqual(['hotline_agreements', 'hotline_deadlines', 'hotline_directory', 'hotline_messages', 'hotline_operators', 'hotline_parties', 'hotline_regulatory_clocks']);
    expect(db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE module = 'hotline'").get()).toEqual({ n: hotlineMigrations.steps.length });
  });
});
