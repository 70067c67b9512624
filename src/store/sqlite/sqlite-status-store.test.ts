import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';

describe('SQLite status store', () => {
  it('stores a body given as UTF-8 bytes as text, not as a blob', async () => {
    const store = openSqliteStore(':memory:');
    const body = JSON.stringify({ id: 's1', status: 'complete', total_count: 0, success_count: 0, failure_count: 0, pending_count: 0, note: 'déjà' });
    await store.statuses.saveBody('parley', 'ops', 's1', new TextEncoder().encode(body));
    expect(store.sqlite.prepare("SELECT typeof(body) AS kind, body FROM taxii_statuses WHERE id = 's1'").get()).toEqual({ kind: 'text', body });
    await store.close();
  });
});
