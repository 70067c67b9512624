import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import type { ForwardTarget } from '../hotline/forward-policy.ts';
import { buildMessage, type Message } from '../hotline/message.ts';
import { indicatorObject, testParty } from '../hotline/test-fixtures.ts';
import type { TlpLevel } from '../hotline/tlp.ts';
import { openSqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { outboxMigrations, SqliteOutboxStore } from '../store/sqlite/sqlite-outbox-store.ts';
import type { StixObject } from './delivery-transport.ts';
import { checkForward, forwardGuard, type ForwardContext } from './forward-guard.ts';
import { Outbox } from './outbox.ts';

const a = testParty('CERT-A');
const b = testParty('CERT-B');
const c = testParty('CERT-C');
const hospital = testParty('Hospital');
const press = testParty('Press');
const community = [a.party.id, b.party.id, c.party.id];
const AGREEMENT = 'x-parley-agreement--4b7e0a57-2f8a-4b34-9f49-4d1a5cf3f0a1';

// B is about to send on an indicator it received from A: to a colleague in its organisation, a client, C, the press.
const targets: Record<string, ForwardTarget> = {
  colleague: { targetRef: 'identity--00000000-0000-4000-8000-0000000000b1', targetOrganisationRef: b.party.id },
  client: { targetRef: hospital.party.id, targetClientOfRefs: [b.party.id], needToKnow: true },
  community: { targetRef: c.party.id },
  public: { targetRef: press.party.id },
};

function send(sender: string, recipient: string, tlp: TlpLevel, evidence: StixObject[]): Message {
  return buildMessage({ kind: 'consultation', senderRef: sender, recipientRefs: [recipient], agreementRef: AGREEMENT, priority: 'routine',
    lang: 'en', subject: 'FYI', body: '', tlp, evidence, at: new Date('2026-03-02T09:00:00.000Z') });
}

function context(target: ForwardTarget, received: Map<string, Message>): ForwardContext {
  return { target, communityRefs: community, receivedIn: (id) => received.get(id) };
}

function refusal(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!isParleyError(error, 'TLP_VIOLATION')) throw error;
    return error.message;
  }
}

describe('the TLP guard on every forward', () => {
  const cases: [TlpLevel, boolean[]][] = [
    ['red', [false, false, false, false]],
    ['amber+strict', [true, false, false, false]],
    ['amber', [true, true, false, false]],
    ['green', [true, true, true, false]],
    ['clear', [true, true, true, true]],
  ];
  for (const [level, expected] of cases) {
    it(`lets an object received under TLP:${level.toUpperCase()} go only where the first disclosure allows`, () => {
      const indicator = indicatorObject(a.party.id);
      const received = new Map([[indicator.id, send(a.party.id, b.party.id, level, [indicator])]]);
      const allowed = Object.values(targets).map((target) => {
        const onward = send(b.party.id, target.targetRef, 'clear', [indicator]);
        return refusal(() => checkForward(onward, [indicator], context(target, received))) === undefined;
      });
      expect(allowed).toEqual(expected);
    });
  }

  it('names the forbidden object, its level and where it was received, and refuses the whole envelope', () => {
    const secret = indicatorObject(a.party.id, 'red');
    const open = indicatorObject(a.party.id, 'clear', 'indicator--1e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f');
    const first = send(a.party.id, b.party.id, 'green', [secret, open]);
    const received = new Map([[secret.id, first], [open.id, first]]);
    const onward = send(b.party.id, c.party.id, 'green', [secret, open]);
    expect(refusal(() => checkForward(onward, [secret, open], context(targets.community, received))))
      .toBe(`may not go to ${c.party.id}: ${secret.id} (received in ${first.id}) is TLP:RED, for named recipients only`);
  });

  it("lets a node's own TLP:RED message and evidence reach its named recipients, and nobody else", () => {
    const own = indicatorObject(b.party.id, 'red');
    const message = send(b.party.id, c.party.id, 'red', [own]);
    expect(refusal(() => checkForward(message, [own], context({ targetRef: c.party.id }, new Map())))).toBeUndefined();
    expect(refusal(() => checkForward(message, [own], context(targets.public, new Map()))))
      .toBe(`may not go to ${press.party.id}: ${message.id} is TLP:RED, for named recipients only; ${own.id} is TLP:RED, for named recipients only`);
  });

  it('stops the outbox from queueing anything when one recipient may not have the envelope', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-guard-'));
    const db = openSqliteDatabase(join(dir, 'node.db'));
    try {
      migrate(db, [outboxMigrations]);
      const indicator = indicatorObject(a.party.id);
      const received = new Map([[indicator.id, send(a.party.id, b.party.id, 'amber+strict', [indicator])]]);
      const guard = forwardGuard((recipient) => context(Object.values(targets).find((t) => t.targetRef === recipient)!, received));
      const outbox = new Outbox({
        store: new SqliteOutboxStore(db), guard, route: async () => undefined,
        transport: { deliver: async () => ({ outcome: 'failed', reason: 'unused', retryable: true }) },
      });
      const message = buildMessage({ kind: 'consultation', senderRef: b.party.id, recipientRefs: [targets.colleague.targetRef, c.party.id],
        agreementRef: AGREEMENT, priority: 'routine', lang: 'en', subject: 'FYI', body: '', tlp: 'amber+strict', evidence: [indicator] });
      await expect(outbox.dispatch(message, [indicator], [targets.colleague.targetRef, c.party.id])).rejects.toMatchObject({ code: 'TLP_VIOLATION' });
      expect(await outbox.list()).toEqual([]);
      await outbox.dispatch(message, [indicator], [targets.colleague.targetRef]);
      expect((await outbox.list()).map((d) => d.recipient)).toEqual([targets.colleague.targetRef]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
