// A real HTTP receiver on a free 127.0.0.1 port, standing in for an organisation's webhook: it
// records every request and answers with the statuses it is told to, in order, then 200.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: any;
  status: number;
  /** when it arrived (ms since the epoch) */
  at: number;
}

export async function startReceiver(statuses: number[] = [], okBody: unknown = { ok: true }, delayMs = 0) {
  const received: Received[] = [];
  const plan = [...statuses];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (res.destroyed) return;
      const status = plan.shift() ?? 200;
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status < 300 ? okBody : { error: `status ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook?token=secret`,
    received,
    /** the deliveries the receiver accepted */
    accepted: () => received.filter((r) => r.status < 300),
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}
