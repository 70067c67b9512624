/**
 * The TAXII ingest client of the benchmarks, as worker-thread source (eval: true). workerData: `url`, `headers`,
 * `bodies` (envelope texts), `inFlight` (requests at once, default 2), `warmup` (how many of the first bodies are
 * posted before the timed part, default 0). After the warm-up it posts its Linux thread id and the warm-up's seconds
 * (`{ tid, warmupSeconds }`), then the seconds it took to POST the other bodies. Every answer must be a 202 with
 * `success_count` 1000.
 * It uses node:http with keep-alive, not fetch: on a 2-core machine it shares the cores with the server, and fetch
 * (undici) cost its thread about 3.5 ms of CPU per 1,000-object request against about 2 ms here.
 */
export const INGEST_CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
(async () => {
  const { url, headers, bodies, inFlight = 2, warmup = 0 } = workerData;
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const payloads = bodies.map((body) => Buffer.from(body));
  const send = (body) => new Promise((resolve, reject) => {
    const options = { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...headers, 'content-length': body.length } };
    const req = http.request(options, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const status = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (res.statusCode !== 202 || status.success_count !== 1000) reject(new Error('ingest failed: ' + res.statusCode));
        else resolve();
      });
    });
    req.on('error', reject);
    req.end(body);
  });
  let next = 0;
  // Several requests at once, so that the server never idles while one client prepares its next request.
  const postUntil = async (end) => {
    const post = async () => {
      while (next < end) await send(payloads[next++]);
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: inFlight }, post));
    return (performance.now() - started) / 1000;
  };
  const warmupSeconds = await postUntil(warmup);
  // Its thread id, so that the server side can tell this thread's CPU time from its own.
  let tid;
  try { tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()); } catch {}
  parentPort.postMessage({ tid, warmupSeconds });
  parentPort.postMessage(await postUntil(payloads.length));
  agent.destroy();
})();
`;
