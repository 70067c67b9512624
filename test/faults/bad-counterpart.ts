import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the bad counterpart answers a delivery. */
export type BadBehaviour = 'error-500' | 'hang' | 'garbage' | 'slow-500' | 'reset';

/** A real HTTP server on 127.0.0.1 that plays a broken counterpart node (fault test iv). */
export interface BadCounterpart {
  readonly url: string;
  /** Requests received so far (method + path). */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the bad counterpart; `behaviour` may change per request (e.g. to cycle through failures). */
export async function startBadCounterpart(behaviour: (n: number) => BadBehaviour): Promise<BadCounterpart> {
  const requests: string[] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const n = requests.length;
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    open.add(res);
    res.on('close', () => open.delete(res));
    switch (behaviour(n)) {
      case 'error-500':
        res.writeHead(500, { 'content-type': 'application/taxii+json;version=2.1' });
        res.end(JSON.stringify({ title: 'Internal error', http_status: '500' }));
        return;
      case 'slow-500':
        setTimeout(() => {
          res.writeHead(500);
          res.end();
        }, 1500).unref();
        return;
      case 'garbage':
        res.writeHead(202, { 'content-type': 'application/taxii+json;version=2.1' });
        res.end('{"status": "complete", "x_parley_receipts": [not json');
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return; // never answers: the sender's attempt timeout must fire
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const res of open) res.socket?.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
