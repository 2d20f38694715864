// A local HTTP server standing in for our webhook endpoint: records raw bodies and headers and
// answers with a scripted sequence of statuses (then 200).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { body: string; signature: string | undefined; contentType: string | undefined };

export async function startWebhookReceiver(statuses: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const script = [...statuses];
  let waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const sig = req.headers['x-hub-signature-256'];
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: Array.isArray(sig) ? sig[0] : sig,
        contentType: req.headers['content-type'],
      });
      res.statusCode = script.shift() ?? 200;
      res.end('ok');
      const current = waiters;
      waiters = [];
      for (const w of current) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    received,
    /** Resolves once at least `n` webhooks arrived (rejects after `timeoutMs`). */
    async waitFor(n: number, timeoutMs = 3000): Promise<ReceivedWebhook[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${n} webhooks, got ${received.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received.slice(0, n);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
