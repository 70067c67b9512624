import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryTarget } from './delivery-transport.ts';
import { postEnvelope } from './taxii-envelope-post.ts';

// A real HTTP server on 127.0.0.1 whose answers each test scripts; it records what it received, per connection.
interface Received { connection: number; path: string; headers: IncomingMessage['headers']; body: string }
let server: Server | undefined;

async function serve(answer: (req: IncomingMessage, res: ServerResponse, nth: { onConnection: number }) => void): Promise<{ target: DeliveryTarget; received: Received[] }> {
  const received: Received[] = [];
  const connections = new Map<Socket, { id: number; requests: number }>();
  server = createServer((req, res) => {
    const socket = req.socket;
    const conn = connections.get(socket) ?? { id: connections.size + 1, requests: 0 };
    connections.set(socket, conn);
    conn.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ connection: conn.id, path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(req, res, { onConnection: conn.requests });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const target: DeliveryTarget = {
    partyId: 'identity--b', apiRoot: `http://127.0.0.1:${port}/taxii2/parley`, inboxCollection: 'inbox 1',
    credentials: { kind: 'basic', username: 'peer', password: 'pw' },
  };
  return { target, received };
}

const accepted = (res: ServerResponse) => {
  res.writeHead(202, { 'content-type': 'application/taxii+json;version=2.1' });
  res.end(JSON.stringify({ status: 'complete', success_count: 1 }));
};

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('postEnvelope', () => {
  it('posts the envelope with its length, TAXII media types and credentials, and reuses the connection', async () => {
    const { target, received } = await serve((_req, res) => accepted(res));
    const first = await postEnvelope(target, [{ type: 'x-parley-message', id: 'x-parley-message--1' }]);
    const second = await postEnvelope(target, [{ type: 'x-parley-message', id: 'x-parley-message--2' }]);
    expect(first).toEqual({ status: 202, body: { status: 'complete', success_count: 1 } });
    expect(second.status).toBe(202);
    expect(received.map((r) => r.connection)).toEqual([1, 1]);
    const [r] = received;
    expect(r!.path).toBe('/taxii2/parley/collections/inbox%201/objects/');
    expect(r!.headers['content-type']).toBe('application/taxii+json;version=2.1');
    expect(r!.headers.accept).toBe('application/taxii+json;version=2.1');
    expect(r!.headers.authorization).toBe(`Basic ${Buffer.from('peer:pw').toString('base64')}`);
    expect(r!.headers['content-length']).toBe(String(Buffer.byteLength(r!.body)));
    expect(r!.headers['transfer-encoding']).toBeUndefined();
    expect(JSON.parse(r!.body)).toEqual({ objects: [{ type: 'x-parley-message', id: 'x-parley-message--1' }] });
  });

  it('sends again on a new connection when the recipient drops a kept-alive one as it is reused', async () => {
    // The second request on any connection finds it closed under it, as when a server times out an idle connection.
    const { target, received } = await serve((req, res, nth) => (nth.onConnection > 1 ? req.socket.destroy() : accepted(res)));
    await postEnvelope(target, [{ n: 1 }]);
    const again = await postEnvelope(target, [{ n: 2 }]);
    expect(again.status).toBe(202);
    expect(received.map((r) => [r.connection, JSON.parse(r.body).objects[0].n])).toEqual([[1, 1], [1, 2], [2, 2]]);
  });

  it('rejects when the recipient drops the first request of a new connection (no retry there)', async () => {
    const { target, received } = await serve((req) => req.socket.destroy());
    await expect(postEnvelope(target, [{ n: 1 }])).rejects.toThrow();
    expect(received).toHaveLength(1);
  });

  it('rejects at the timeout when no answer comes, and when the caller aborts', async () => {
    const { target } = await serve(() => undefined);
    const started = performance.now();
    await expect(postEnvelope(target, [], undefined, 200)).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5_000);
    const controller = new AbortController();
    const pending = postEnvelope(target, [], controller.signal);
    controller.abort(new Error('stopping'));
    await expect(pending).rejects.toThrow();
  });

  it('gives the status with no body for an answer that is not JSON, and rejects an answer cut short', async () => {
    const { target } = await serve((req, res) => {
      if (req.url?.includes('garbage')) {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>bad gateway</html>');
        return;
      }
      // Declares 1,000 bytes, sends 10, then drops the connection.
      res.writeHead(202, { 'content-length': '1000' });
      res.write('{"status":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(await postEnvelope({ ...target, inboxCollection: 'garbage' }, [])).toEqual({ status: 502, body: undefined });
    await expect(postEnvelope(target, [])).rejects.toThrow();
  });
});
