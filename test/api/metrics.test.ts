import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Runtime } from '../../cli/runtime';
import { ConfigError, loadConfig } from '../../lib/config';
import { createLogger } from '../../lib/logger';
import { WebhookReceiver } from '../harness/receiver';
import { TestSystem, type StaffClient, type TestTenant } from '../harness/system';

/** `name{a="b",c="d"} value` lines of a Prometheus text exposition. */
function parseMetrics(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  const out: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

/** The value of one series (0 when absent: a counter that has not moved yet). */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = parseMetrics(text).find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found?.value ?? 0;
}

async function scrape(url: string, token?: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

describe('GET /metrics (CONTRACT §14)', () => {
  let sys: TestSystem;
  let receiver: WebhookReceiver;
  let tenant: TestTenant;
  let admin: StaffClient;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    sys = await TestSystem.start({ imageStage: null });
    tenant = await sys.tenant({ callbackUrl: receiver.url });
    admin = await sys.staff('admin');
  });
  afterAll(async () => {
    await sys.close();
    await receiver.close();
  });

  it('serves the Prometheus text format with the default process metrics, without a token when none is configured', async () => {
    const { status, text, type } = await scrape(sys.url);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    for (const name of ['shenhe_items_ingested_total', 'shenhe_decisions_total', 'shenhe_webhook_deliveries_total'])
      expect(text).toContain(`# TYPE ${name} counter`);
    for (const name of ['shenhe_review_waiting', 'shenhe_review_oldest_wait_seconds']) expect(text).toContain(`# TYPE ${name} gauge`);
    expect(text).toContain('# TYPE shenhe_screen_duration_seconds histogram');
    expect(value(text, 'shenhe_review_sla_seconds')).toBe(3600);
  });

  it('serves every metric the Grafana dashboard in docs/ queries', async () => {
    const dashboard = JSON.parse(readFileSync(path.join(__dirname, '../../docs/grafana-dashboard.json'), 'utf8')) as {
      panels: Array<{ targets: Array<{ expr: string }> }>;
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    const names = new Set(exprs.flatMap((e) => e.match(/\b(?:shenhe|process|nodejs)_\w+/g) ?? []));
    expect(names).toContain('shenhe_moderator_decisions_total');
    const { text } = await scrape(sys.url);
    // Declared families (`# TYPE`), so a labelled counter that has not moved yet still counts; histograms add suffixes.
    const served = new Set(
      [...text.matchAll(/^# TYPE (\w+) (\w+)$/gm)].flatMap(([, n, kind]) => (kind === 'histogram' ? [`${n}_bucket`, `${n}_sum`, `${n}_count`] : [n])),
    );
    expect([...names].filter((n) => !served.has(n))).toEqual([]);
  });

  it('moves with a real ingest → screen → decision → webhook flow', async () => {
    const before = (await scrape(sys.url)).text;
    const posted = await sys.post(tenant, { externalId: `m-${Date.now()}`, text: '今天天气很好' });
    expect(posted.status).toBe(202);
    const id = String(posted.body.id);
    // An idempotent repeat is not a new item.
    expect((await sys.post(tenant, { externalId: posted.body.externalId, text: '今天天气很好' })).status).toBe(200);
    await sys.until(async () => (await sys.store.getItem(id))?.status === 'pending_review', 15_000, 'pending_review');

    const waiting = (await scrape(sys.url)).text;
    expect(value(waiting, 'shenhe_items_ingested_total', { tenant: tenant.id }) - value(before, 'shenhe_items_ingested_total', { tenant: tenant.id })).toBe(1);
    expect(
      value(waiting, 'shenhe_screen_duration_seconds_count', { suggestion: 'pass' }) -
        value(before, 'shenhe_screen_duration_seconds_count', { suggestion: 'pass' }),
    ).toBe(1);
    expect(value(waiting, 'shenhe_screen_duration_seconds_sum', { suggestion: 'pass' })).toBeGreaterThan(0);
    expect(value(waiting, 'shenhe_review_waiting')).toBeGreaterThanOrEqual(1);
    expect(value(waiting, 'shenhe_review_oldest_wait_seconds')).toBeGreaterThan(0);
    expect(value(waiting, 'shenhe_items', { status: 'pending_review' })).toBe(value(waiting, 'shenhe_review_waiting'));
    // The gauges are the dashboard's numbers, read from the store.
    const dash = (await admin.get<{ queue: { waiting: number } }>('/api/dashboard')).body;
    expect(value(waiting, 'shenhe_review_waiting')).toBe(dash.queue.waiting);

    receiver.failFirst = 1; // the first attempt fails, so a retry and then a delivery are counted
    // This system's store holds only this test's item, so the claim returns it.
    const claim = await admin.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
    expect(claim.body.item.id).toBe(id);
    expect((await admin.post(`/api/review/leases/${claim.body.lease.id}/decision`, { action: 'approve' })).status).toBe(200);
    await sys.until(async () => (await sys.store.getItem(id))?.status === 'published', 15_000, 'published');

    const after = (await scrape(sys.url)).text;
    const moved = (name: string, labels: Record<string, string>): number => value(after, name, labels) - value(before, name, labels);
    expect(moved('shenhe_decisions_total', { action: 'approve' })).toBe(1);
    expect(moved('shenhe_moderator_decisions_total', { moderator: admin.user.username, action: 'approve' })).toBe(1);
    expect(moved('shenhe_webhook_deliveries_total', { result: 'retry' })).toBe(1);
    expect(moved('shenhe_webhook_deliveries_total', { result: 'delivered' })).toBe(1);
    expect(moved('shenhe_webhook_deliveries_total', { result: 'failed' })).toBe(0);
    expect(value(after, 'shenhe_items', { status: 'published' })).toBeGreaterThanOrEqual(1);
  });
});

describe('SHENHE_METRICS_TOKEN', () => {
  let sys: TestSystem;
  const token = 'metrics-token-0123456789abcdef';

  beforeAll(async () => {
    sys = await TestSystem.start({ imageStage: null, workers: [], env: { SHENHE_METRICS_TOKEN: token } });
  });
  afterAll(() => sys.close());

  it('requires Authorization: Bearer <token> and refuses a missing or wrong one with 401', async () => {
    for (const sent of [undefined, 'wrong-token-0123456789abcdef', `${token}x`, token.slice(0, -1)]) {
      const r = await scrape(sys.url, sent);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.text)).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
      expect(r.text).not.toContain('shenhe_');
    }
    const ok = await scrape(sys.url, token);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('shenhe_review_waiting');
  });

  it('is validated at start, naming the variable without echoing the value', () => {
    let err: unknown;
    try {
      loadConfig({ SHENHE_METRICS_TOKEN: 'short secret' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('SHENHE_METRICS_TOKEN');
    expect((err as Error).message).not.toContain('short secret');
  });
});

describe('metrics in a multi-process deployment', () => {
  let api: TestSystem;
  let worker: Runtime;

  beforeAll(async () => {
    const prefix = `{t${randomBytes(6).toString('hex')}}`;
    api = await TestSystem.start({ imageStage: null, workers: [], env: { SHENHE_QUEUE_PREFIX: prefix } });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SHENHE_DATA_DIR: api.dataDir,
      REDIS_URL: process.env.SHENHE_TEST_REDIS_URL,
      SHENHE_QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    // What `shenhe worker --queues screen,publish --metrics-port 0` runs.
    worker = await new Runtime({
      config,
      api: false,
      workers: ['screen', 'publish'],
      imageStage: null,
      metricsPort: 0,
      logger: createLogger('silent'),
    }).start();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('each process serves its own counters, and the queue gauges are the same in every process', async () => {
    const tenant = await api.tenant();
    const posted = await api.post(tenant, { externalId: `mp-${Date.now()}`, text: '多进程部署' });
    await api.until(async () => (await api.store.getItem(String(posted.body.id)))?.status === 'pending_review', 15_000, 'pending_review');
    const fromApi = (await scrape(api.url)).text;
    const fromWorker = await scrape(worker.url as string);
    expect(fromWorker.status).toBe(200);
    // Ingest happened in the API process, screening in the worker process.
    expect(value(fromApi, 'shenhe_items_ingested_total', { tenant: tenant.id })).toBe(1);
    expect(value(fromWorker.text, 'shenhe_items_ingested_total', { tenant: tenant.id })).toBe(0);
    expect(value(fromWorker.text, 'shenhe_screen_duration_seconds_count', { suggestion: 'pass' })).toBe(1);
    expect(value(fromApi, 'shenhe_screen_duration_seconds_count', { suggestion: 'pass' })).toBe(0);
    expect(value(fromApi, 'shenhe_review_waiting')).toBe(1);
    expect(value(fromWorker.text, 'shenhe_review_waiting')).toBe(1);
    // The worker's HTTP surface is metrics and probes only.
    expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${worker.url}/v1/contents`, { method: 'POST' })).status).toBe(404);
  });
});
