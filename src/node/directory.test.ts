import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amendAgreement, proposeAgreement, signAgreement } from '../hotline/agreement.ts';
import { signedAgreement, testAgreementRules, testParty } from '../hotline/test-fixtures.ts';
import { MIN_PASSWORD_COST } from '../store/operator-password.ts';
import { openSqliteDatabase, type SqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { hotlineMigrations, SqliteHotlineStore } from '../store/sqlite/sqlite-hotline-store.ts';
import { Directory } from './directory.ts';

const a = testParty('CERT-A');
const b = testParty('CERT-B');

describe('Directory', () => {
  let dir: string;
  const handles: SqliteDatabase[] = [];
  // Two connections to one database: the node's, and one standing for a CLI command run beside it.
  const connect = () => {
    const db = openSqliteDatabase(join(dir, 'node.db'));
    handles.push(db);
    migrate(db, [hotlineMigrations]);
    return new SqliteHotlineStore(db, { passwordCost: MIN_PASSWORD_COST });
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-directory-'));
  });
  afterEach(() => {
    for (const db of handles.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses parties and agreements once per committed change, made by this connection or another', async () => {
    const node = connect();
    const cli = connect();
    const directory = new Directory(node);
    await node.putParty(a.party, { own: true });
    const first = await directory.snapshot();
    expect(first.own).toEqual(a.party);
    expect(first.party(b.party.id)).toBeUndefined();
    expect(await directory.snapshot()).toBe(first);

    await cli.putParty(b.party, { own: false });
    const second = await directory.snapshot();
    expect(second).not.toBe(first);
    expect(second.party(b.party.id)).toEqual(b.party);
    expect(second.agreementIds).toEqual([]);

    const agreement = signedAgreement([a, b]);
    await cli.putAgreementVersion(agreement);
    const third = await directory.snapshot();
    expect(third.agreementIds).toEqual([agreement.id]);
    expect(third.inForce(agreement.id)?.version).toBe(1);
    expect(third.inForce('x-parley-agreement--00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await directory.snapshot()).toBe(third);
  });

  it('sees a new agreement version in force only once every party signed it, and an unsigned agreement never', async () => {
    const store = connect();
    await store.putParty(a.party, { own: true });
    await store.putParty(b.party, { own: false });
    const v1 = signedAgreement([a, b]);
    await store.putAgreementVersion(v1);
    const directory = new Directory(store);
    expect((await directory.snapshot()).inForce(v1.id)?.version).toBe(1);

    const v2 = signAgreement(amendAgreement(v1, { name: 'Amended' }), a.signer);
    await store.putAgreementVersion(v2);
    expect((await directory.snapshot()).inForce(v1.id)?.version).toBe(1);
    await store.putAgreementVersion(signAgreement(v2, b.signer));
    expect((await directory.snapshot()).inForce(v1.id)?.version).toBe(2);

    const unsigned = proposeAgreement({
      proposerRef: a.party.id, partyRefs: [a.party.id, b.party.id], name: 'Unsigned', commitments: [], rules: testAgreementRules(),
    });
    await store.putAgreementVersion(unsigned);
    const latest = await directory.snapshot();
    expect(latest.agreementIds).toContain(unsigned.id);
    expect(latest.inForce(unsigned.id)).toBeUndefined();
  });
});
