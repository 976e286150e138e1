import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
  answeredWith: number;
}

/** A customer site's webhook endpoint on 127.0.0.1. `failFirst` answers that many requests per delivery id with 500. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  failFirst = 0;
  private readonly attemptsByDelivery = new Map<string, number>();
  private server: http.Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const id = String(req.headers['x-shenhe-delivery'] ?? '');
        const n = (this.attemptsByDelivery.get(id) ?? 0) + 1;
        this.attemptsByDelivery.set(id, n);
        const status = n <= this.failFirst ? 500 : 200;
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          /* recorded raw */
        }
        this.received.push({ headers: req.headers, raw, body, answeredWith: status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'fail');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  /** Successful (2xx) deliveries, one per delivery id. */
  delivered(): ReceivedWebhook[] {
    return this.received.filter((r) => r.answeredWith === 200);
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  }
}
