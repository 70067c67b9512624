import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNode } from '../src/node/parley-node.ts';
import { decodeLogEntry } from '../src/ledger/log-entry.ts';
import { basicAuth, eventually, setUpTwoNodes, type TestNode } from './console/two-nodes.ts';

/**
 * The /api/ commands against real nodes: A and B set up through the CLI and run by `parley serve`; A's data is
 * also opened in-process with `openNode` to check what the commands stored and logged.
 */
let a: TestNode;
let b: TestNode;
let cleanup = async () => {};

beforeAll(async () => {
  ({ a, b, cleanup } = await setUpTwoNodes());
}, 240_000);

afterAll(async () => {
  await cleanup();
});

const basic = basicAuth;

async function post<T = Record<string, unknown>>(node: TestNode, path: string, body: unknown, user = 'officer'): Promise<{ status: number; body: T }> {
  const res = await fetch(`${node.url}/api${path}`, {
    method: 'POST', headers: { authorization: basic(user), 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function get<T>(node: TestNode, path: string): Promise<T> {
  const res = await fetch(`${node.url}/api${path}`, { headers: { authorization: basic('officer') } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

interface View { evidence: { type: string; name?: string }[]; direction: string; signature_verified: boolean; receipt: { inclusion_verified: boolean } | null; message: Record<string, unknown> & { id: string; kind: string; thread_id: string } }

let notification: View;

describe('/api/ commands on real nodes', () => {
  it('sends a notification: 201 with a signed MessageView, stored and logged by the node', async () => {
    const sent = await post<View>(a, '/messages', {
      kind: 'notification', to: [b.partyId], priority: 'flash', tlp: 'amber', language: 'en',
      subject: 'Ransomware at a regional hospital', body: 'Encryption since 07:40 UTC.',
      sector: 'healthcare', severity: 'critical', incident: 'Ransomware at a regional hospital',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ direction: 'sent', signature_verified: true, message: { kind: 'notification', sender_ref: a.partyId, tlp: 'amber' } });
    notification = sent.body;
    const node = await openNode(a.dir);
    try {
      expect((await node.store.hotline.getMessage(notification.message.id))?.direction).toBe('sent');
      const size = await node.log.size();
      const leaves = await node.store.log.entries(0, size);
      expect(leaves.map((l) => decodeLogEntry(l.bytes)).some((d) => 'entry' in d && d.entry.object_id === notification.message.id)).toBe(true);
    } finally {
      await node.close();
    }
  });

  it('refuses bad input with the error table\'s codes', async () => {
    expect(await post(a, '/messages', '{"kind":')).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_JSON' } } });
    expect(await post(a, '/messages', { kind: 'telegram', to: [b.partyId], tlp: 'amber', subject: 'x' })).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    expect(await post(a, '/messages/x-parley-message--00000000-0000-4000-8000-000000000000/acknowledge', {})).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await post(a, '/parties/identity--00000000-0000-4000-8000-000000000000/ping', {})).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await post(a, `/messages/${notification.message.id}/close`, { outcome: 'resolved' })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('lets B acknowledge, respond and consult on the received notification', async () => {
    const id = notification.message.id;
    const received = await eventually('the notification at B', async () => {
      const detail = await fetch(`${b.url}/api/threads/${id}`, { headers: { authorization: basic('officer') } });
      return detail.ok ? ((await detail.json()) as { messages: View[] }) : undefined;
    });
    expect(received.messages[0]).toMatchObject({ direction: 'received', signature_verified: true, receipt: { inclusion_verified: true } });
    // The summary became an attached incident, stored by B with the message and shown under its name.
    expect(received.messages[0].evidence).toEqual([expect.objectContaining({ type: 'incident', name: 'Ransomware at a regional hospital' })]);
    expect(received.messages[0].message.incident).toBe('Ransomware at a regional hospital');
    const ack = await post<View>(b, `/messages/${id}/acknowledge`, { body: 'Received, on it.' });
    expect(ack).toMatchObject({ status: 201, body: { message: { kind: 'acknowledgement', in_reply_to: id, thread_id: id } } });
    const response = await post<View>(b, `/messages/${id}/respond`, { body: 'Appliance isolated.', findings: 'Shared VPN appliance.' });
    expect(response).toMatchObject({ status: 201, body: { message: { kind: 'response', findings: 'Shared VPN appliance.' } } });
    const consultation = await post<View>(b, `/messages/${id}/consult`, { subject: 'Same actor?', body: 'Do you see the same C2?' });
    expect(consultation).toMatchObject({ status: 201, body: { message: { kind: 'consultation', thread_id: id } } });
  });

  it('shows B\'s answer at A, verified, and lets A\'s supervisor close the thread', async () => {
    const id = notification.message.id;
    await eventually('the response at A', async () => {
      const detail = await get<{ messages: View[] }>(a, `/threads/${id}`);
      const response = detail.messages.find((m) => m.message.kind === 'response');
      return response?.signature_verified ? response : undefined;
    }, 30_000);
    // A holds B's signed transport receipt for the notification; the view checks it against B's party record.
    const atA = await get<{ messages: View[] }>(a, `/threads/${id}`);
    expect(atA.messages.find((m) => m.message.id === id)).toMatchObject({ direction: 'sent', receipt: { inclusion_verified: true } });
    const closed = await post<View>(a, `/messages/${id}/close`, { outcome: 'resolved', body: 'Thanks.' }, 'supervisor');
    expect(closed).toMatchObject({ status: 201, body: { message: { kind: 'closure', outcome: 'resolved' } } });
    const threads = await get<{ thread_id: string; state: string }[]>(a, '/threads');
    expect(threads.find((t) => t.thread_id === id)?.state).toBe('closed');
  });

  it('pings a party', async () => {
    const ping = await post<View>(a, `/parties/${b.partyId}/ping`, {});
    expect(ping).toMatchObject({ status: 201, body: { direction: 'sent', message: { kind: 'ping', recipient_refs: [b.partyId] } } });
  });

  it('records a regulatory report the notifying party filed, and refuses one for the recipient', async () => {
    const aware = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const sent = await post<View>(a, '/messages', {
      kind: 'notification', to: [b.partyId], priority: 'urgent', tlp: 'amber', language: 'en', subject: 'Fuel pipeline billing encrypted',
      body: 'Ransomware.', sector: 'energy', severity: 'high', incident: 'Pipeline ransomware',
      regulatory_reporting: { regimes: ['circia'], awareness_time: aware },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const id = sent.body.message.id;
    const met = await post<{ obligation: string; state: string; metAt: string }[]>(a, `/messages/${id}/clocks/circia-covered-incident-report/met`, { at: new Date().toISOString() });
    expect(met.status, JSON.stringify(met.body)).toBe(200);
    expect(met.body).toEqual([expect.objectContaining({ obligation: 'circia-covered-incident-report', state: 'met', messageId: id })]);
    expect(await post(a, `/messages/${id}/clocks/circia-covered-incident-report/met`, {})).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    expect(await post(a, `/messages/${id}/clocks/nis2-final-report/met`, {})).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await post(a, `/messages/${id}/clocks/tax-return/met`, {})).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    await eventually('the notification at B', async () => (await fetch(`${b.url}/api/threads/${id}`, { headers: { authorization: basic('officer') } })).ok || undefined);
    expect(await post(b, `/messages/${id}/clocks/circia-covered-incident-report/met`, {})).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });
});
