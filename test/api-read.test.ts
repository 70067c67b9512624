import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLogEntry, encodeLogEntry } from '../src/ledger/log-entry.ts';
import { leafHash, verifyConsistency, verifyInclusion } from '../src/ledger/merkle.ts';
import { verifyCheckpoint } from '../src/ledger/checkpoint.ts';
import { publicKeyFromBase64url } from '../src/ledger/sign.ts';
import { partyExtension } from '../src/hotline/party.ts';
import { PASSWORD, startApiFixture, type ApiFixture } from './api/api-fixture.ts';

let fx: ApiFixture;
let officer: string;
beforeAll(async () => {
  fx = await startApiFixture();
  const res = await fetch(`${fx.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'officer', password: PASSWORD }) });
  officer = `Bearer ${((await res.json()) as { token: string }).token}`;
});
afterAll(() => fx?.close());

async function get<T = unknown>(path: string, auth = officer): Promise<{ status: number; body: T }> {
  const res = await fetch(`${fx.url}${path}`, { headers: { authorization: auth } });
  return { status: res.status, body: (await res.json()) as T };
}

describe('operator auth', () => {
  it('answers 401 with the JSON error body without credentials, with a wrong token or wrong Basic password', async () => {
    for (const auth of ['', 'Bearer nope', fx.basic('officer', 'wrong password!')]) {
      const { status, body } = await get('/api/threads', auth);
      expect(status).toBe(401);
      expect(body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('signs in, answers /me for Bearer and Basic, and revokes the token on DELETE /api/session', async () => {
    const res = await fetch(`${fx.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'supervisor', password: PASSWORD }) });
    expect(res.status).toBe(201);
    const session = (await res.json()) as { token: string; operator: unknown; expires_at: string };
    expect(session.operator).toEqual({ name: 'supervisor', role: 'supervisor' });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(session.expires_at)).toBeGreaterThan(Date.now());
    expect((await get('/api/me', `Bearer ${session.token}`)).body).toEqual({ name: 'supervisor', role: 'supervisor' });
    expect((await get('/api/me', fx.basic('admin'))).body).toEqual({ name: 'admin', role: 'administrator' });
    const revoke = await fetch(`${fx.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${session.token}` } });
    expect(revoke.status).toBe(204);
    expect((await get('/api/me', `Bearer ${session.token}`)).status).toBe(401);
  });

  it('refuses a wrong password at sign-in with 401 and bad JSON with 400 MALFORMED_JSON', async () => {
    const wrong = await fetch(`${fx.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'officer', password: 'nope nope nope' }) });
    expect(wrong.status).toBe(401);
    const bad = await fetch(`${fx.url}/api/session`, { method: 'POST', body: '{"username":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
  });

  it('keeps review for supervisors and operator management for administrators (403 otherwise)', async () => {
    expect((await get('/api/review', officer)).status).toBe(403);
    expect((await get('/api/review', fx.basic('supervisor'))).status).toBe(200);
    expect((await get('/api/operators', fx.basic('supervisor'))).status).toBe(403);
    const list = await get<{ name: string; role: string }[]>('/api/operators', fx.basic('admin'));
    expect(list.body.map((o) => `${o.name}:${o.role}`)).toEqual(expect.arrayContaining(['admin:administrator', 'officer:duty-officer', 'supervisor:supervisor']));
  });

  it('lets administrators add operators and change roles, which ends the operator\'s sessions', async () => {
    const admin = { authorization: fx.basic('admin'), 'content-type': 'application/json' };
    const created = await fetch(`${fx.url}/api/operators`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'night', role: 'duty-officer', password: PASSWORD }) });
    expect(created.status).toBe(201);
    const again = await fetch(`${fx.url}/api/operators`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'night', role: 'duty-officer', password: PASSWORD }) });
    expect(again.status).toBe(409);
    const signIn = async () => ((await (await fetch(`${fx.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'night', password: PASSWORD }) })).json()) as { token: string }).token;
    const token = await signIn();
    expect((await get('/api/me', `Bearer ${token}`)).body).toEqual({ name: 'night', role: 'duty-officer' });
    const changed = await fetch(`${fx.url}/api/operators/night/role`, { method: 'PUT', headers: admin, body: JSON.stringify({ role: 'supervisor' }) });
    expect(changed.status).toBe(200);
    expect((await get('/api/me', `Bearer ${token}`)).status).toBe(401);
    expect((await get('/api/me', `Bearer ${await signIn()}`)).body).toEqual({ name: 'night', role: 'supervisor' });
    const badRole = await fetch(`${fx.url}/api/operators/night/role`, { method: 'PUT', headers: admin, body: JSON.stringify({ role: 'king' }) });
    expect(badRole.status).toBe(400);
    const unknown = await fetch(`${fx.url}/api/operators/nobody/role`, { method: 'PUT', headers: admin, body: JSON.stringify({ role: 'supervisor' }) });
    expect(unknown.status).toBe(404);
  });

  it('refuses a body over 16 MiB with 413 PAYLOAD_TOO_LARGE before reading it all', async () => {
    const res = await fetch(`${fx.url}/api/session`, { method: 'POST', body: `{"username":"${'x'.repeat(16 * 1024 * 1024)}"}` });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers unknown API routes with a JSON 404 and commands without a hotline service with 503', async () => {
    expect(await get('/api/nothing-here')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const res = await fetch(`${fx.url}/api/messages`, { method: 'POST', headers: { authorization: officer }, body: '{}' });
    expect(res.status).toBe(503);
  });
});

describe('threads', () => {
  it('lists threads most urgent first: overdue (longest overdue first), then soonest deadline, then the rest', async () => {
    const { status, body } = await get<{ thread_id: string; state: string; next_deadline: { overdue: boolean; kind: string } | null; counterpart: { name: string }; tlp: string; message_count: number }[]>('/api/threads');
    expect(status).toBe(200);
    const t = fx.threads;
    expect(body.map((s) => s.thread_id)).toEqual([t.forged.id, t.overdueNotification.id, t.sentRequest.id, t.acknowledgedConsultation.id, t.answeredPing.id]);
    expect(body[1]).toMatchObject({ state: 'open', tlp: 'amber', counterpart: { name: 'CERT-B' }, next_deadline: { overdue: true, kind: 'acknowledge' } });
    expect(body[3]).toMatchObject({ state: 'acknowledged', message_count: 2, next_deadline: { kind: 'respond', overdue: false } });
    expect(body[4]).toMatchObject({ state: 'answered', next_deadline: null });
  });

  it('shows a thread with re-verified signatures, a verified receipt and the evidence found by hash', async () => {
    const id = fx.threads.overdueNotification.id;
    const { status, body } = await get<{ thread: { thread_id: string }; messages: { signature_verified: boolean; direction: string; receipt: { inclusion_verified: boolean; checkpoint: { origin: string } } | null; evidence: { id: string }[]; message: Record<string, unknown> }[]; deadlines: { kind: string; state: string }[] }>(`/api/threads/${id}`);
    expect(status).toBe(200);
    const [view] = body.messages;
    expect(view).toMatchObject({ direction: 'received', signature_verified: true, receipt: { inclusion_verified: true, checkpoint: { origin: fx.a.party.id } } });
    expect(view.evidence.map((o) => o.id).sort()).toEqual(['incident--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061', 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f']);
    expect(view.message).toMatchObject({ tlp: 'amber', language: 'en', incident: 'Ransomware at a regional hospital', sector: 'healthcare', signature: fx.threads.overdueNotification.signature });
    expect(body.deadlines.map((d) => `${d.kind}:${d.state}`)).toEqual(['acknowledge:overdue', 'respond:open']);
  });

  it('flags a message whose signature does not verify against the sender\'s keys', async () => {
    const { body } = await get<{ messages: { signature_verified: boolean }[] }>(`/api/threads/${fx.threads.forged.id}`);
    expect(body.messages[0].signature_verified).toBe(false);
  });

  it('maps console names on a sent request and has no receipt without a transport receipt', async () => {
    const { body } = await get<{ messages: { direction: string; receipt: unknown; message: Record<string, unknown> }[] }>(`/api/threads/${fx.threads.sentRequest.id}`);
    expect(body.messages[0]).toMatchObject({ direction: 'sent', receipt: null, message: { asked_action: 'Tell us who runs 198.51.100.7', request_type: 'information' } });
  });

  it('answers 404 NOT_FOUND for an unknown thread', async () => {
    expect(await get('/api/threads/x-parley-message--00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('lists deadlines by state and refuses an unknown state', async () => {
    const overdue = await get<{ thread_id: string; kind: string }[]>('/api/deadlines?state=overdue');
    expect(overdue.body.map((d) => `${d.thread_id}:${d.kind}`)).toEqual([`${fx.threads.forged.id}:acknowledge`, `${fx.threads.overdueNotification.id}:acknowledge`]);
    const all = await get<{ state: string }[]>('/api/deadlines?state=all');
    expect(all.body.some((d) => d.state === 'met')).toBe(true);
    expect((await get('/api/deadlines?state=late')).status).toBe(400);
  });
});

describe('directory and agreements', () => {
  it('lists parties with checks and dormancy: own first, then by name; C, never pinged, is not dormant (federation rule)', async () => {
    const { body } = await get<{ name: string; is_self: boolean; dormant: boolean; checks: { sent: number; answered: number; response_rate: number; median_answer_seconds: number | null; history: unknown[] } }[]>('/api/parties');
    expect(body.map((p) => `${p.name}:${p.is_self}:${p.dormant}`)).toEqual(['CERT-A:true:false', 'CERT-B:false:false', 'CERT-C:false:false']);
    expect(body[1].checks).toMatchObject({ sent: 1, answered: 1, response_rate: 1, median_answer_seconds: 720 });
    expect(body[1].checks.history).toHaveLength(1);
  });

  it('describes its own node', async () => {
    const { body } = await get<{ party: { id: string; is_self: boolean }; api_root: string; console_url: string }>('/api/node');
    expect(body.party).toMatchObject({ id: fx.a.party.id, is_self: true });
    expect(body.api_root).toBe(partyExtension(fx.a.party).taxii.api_root);
    expect(body.console_url).toBe(`${fx.url}/`);
  });

  it('lists agreements with verified signatures and in-force status', async () => {
    const { body } = await get<{ id: string; in_force: boolean; signatures: { verified: boolean }[]; rules: { deadlines: { acknowledge_seconds: number }[]; check_interval_seconds: number }; commitments: string[] }[]>('/api/agreements');
    expect(body).toHaveLength(2);
    const ab = body.find((a) => a.id === fx.agreementAB.id)!;
    expect(ab.in_force).toBe(true);
    expect(ab.signatures.map((s) => s.verified)).toEqual([true, true]);
    expect(ab.rules.check_interval_seconds).toBe(720 * 3600);
    expect(ab.rules.deadlines[0].acknowledge_seconds).toBe(15 * 60);
    expect(ab.commitments[0]).toMatch(/^CERT-A protects healthcare/);
  });
});

describe('review', () => {
  it('reports per counterpart and per day', async () => {
    const { body } = await get<{ counterparts: { name: string; messages_sent: number; messages_received: number; acknowledge_seconds: { median: number | null }; deadlines: { met: number; missed: number; open: number }; checks: { sent: number; answered: number; rate: number } }[]; series: { day: string }[] }>(
      '/api/review?from=2026-11-01T00:00:00.000Z&to=2026-11-23T23:59:59.999Z', fx.basic('supervisor'));
    const b = body.counterparts.find((c) => c.name === 'CERT-B')!;
    expect(b).toMatchObject({ messages_sent: 3, messages_received: 4, checks: { sent: 1, answered: 1, rate: 1 } });
    // 10 min to acknowledge the consultation, 12 min to answer the ping (an answer also acknowledges).
    expect(b.acknowledge_seconds).toEqual({ median: 660, p90: 720, values: [600, 720] });
    // met: consultation ack, ping ack + answer; missed: the two overdue acknowledgements; open: the other five steps.
    expect(b.deadlines).toEqual({ met: 3, missed: 2, open: 5 });
    expect(body.series).toHaveLength(23);
    const one = await get<{ counterparts: unknown[] }>(`/api/review?counterpart=${fx.c.party.id}`, fx.basic('supervisor'));
    expect(one.body.counterparts).toHaveLength(1);
    expect((await get('/api/review?from=yesterday', fx.basic('supervisor'))).status).toBe(400);
  });
});

describe('collections and log', () => {
  it('lists collections and objects by type with a limit', async () => {
    const cols = await get<{ id: string; title: string }[]>('/api/collections');
    expect(cols.body.map((c) => c.title).sort()).toEqual(['Inbox', 'Indicators']);
    const objects = await get<{ type: string }[]>(`/api/collections/${fx.inboxCollection}/objects?type=indicator&limit=5`);
    expect(objects.body.map((o) => o.type)).toEqual(['indicator']);
    expect((await get(`/api/collections/${fx.inboxCollection}/objects?limit=0`)).status).toBe(400);
    expect((await get('/api/collections/no-such/objects')).status).toBe(404);
  });

  it('serves a signed checkpoint and inclusion and consistency proofs that verify', async () => {
    const { body: cp } = await get<{ origin: string; tree_size: number; root_hash: string; key_id: string; signature: string; timestamp: string }>('/api/log/checkpoint');
    const key = publicKeyFromBase64url(partyExtension(fx.a.party).signing_keys[0].public_key);
    expect(verifyCheckpoint(cp, () => key)).toEqual({ ok: true });
    expect(cp.tree_size).toBe(7);
    const { body: inc } = await get<{ entry: Parameters<typeof encodeLogEntry>[0]; proof: string[]; root_hash: string; leaf_hash: string }>(`/api/log/inclusion?index=2&size=${cp.tree_size}`);
    const leaf = encodeLogEntry(inc.entry);
    expect('entry' in decodeLogEntry(leaf)).toBe(true);
    expect(leafHash(leaf).toString('base64')).toBe(inc.leaf_hash);
    expect(verifyInclusion(2, cp.tree_size, leafHash(leaf), inc.proof.map((p) => Buffer.from(p, 'base64')), Buffer.from(cp.root_hash, 'base64'))).toBe(true);
    const { body: con } = await get<{ proof: string[]; from_root: string; to_root: string }>(`/api/log/consistency?from=3&to=${cp.tree_size}`);
    expect(verifyConsistency(3, cp.tree_size, Buffer.from(con.from_root, 'base64'), Buffer.from(cp.root_hash, 'base64'), con.proof.map((p) => Buffer.from(p, 'base64')))).toBe(true);
    expect((await get('/api/log/inclusion?index=9&size=7')).status).toBe(400);
    expect((await get('/api/log/consistency?from=1&to=99')).status).toBe(404);
  });

  it('answers GET /api/outbox with 404 while the node has no outbox', async () => {
    expect(await get('/api/outbox')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND', message: expect.stringMatching(/no outbox/) } } });
  });
});
