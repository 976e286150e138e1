import { Queue } from 'bullmq';
import net from 'node:net';
import type { Config } from '../../lib/config';
import { connectRedis } from '../../lib/redis';
import { IncidentAlarms } from '../../compliance/jobs/alarms';
import { ALARM_QUEUE, alarmJobId } from '../../store/incident-clock';
import { WebhookReceiver } from '../harness/receiver';
import { TestSystem } from '../harness/system';
import { itemIn } from './helpers';
import { sqliteOf } from '../harness/fixtures';

/** Just enough SMTP to accept one message per connection and keep it. */
class FakeSmtp {
  readonly messages: string[] = [];
  private server = net.createServer((sock) => {
    let data = false;
    let buf = '';
    sock.write('220 fake ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      if (data) {
        const end = buf.indexOf('\r\n.\r\n');
        if (end < 0) return;
        this.messages.push(buf.slice(0, end));
        buf = buf.slice(end + 5);
        data = false;
        sock.write('250 queued\r\n');
      }
      let i: number;
      while (!data && (i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250-fake\r\n250 8BITMIME\r\n');
        else if (cmd === 'DATA') {
          data = true;
          sock.write('354 go\r\n');
        } else if (cmd === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('250 ok\r\n');
      }
    });
  });
  port = 0;
  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }
  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('incidents over HTTP, with alarms', () => {
  let sys: TestSystem;
  let receiver: WebhookReceiver;
  let smtp: FakeSmtp;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    smtp = await new FakeSmtp().start();
    sys = await TestSystem.start({
      env: {
        SHENHE_OFFICER_ALERT_URL: receiver.url,
        SHENHE_SMTP_URL: `smtp://127.0.0.1:${smtp.port}?from=shenhe@example.cn`,
        SHENHE_OFFICER_ALERT_EMAIL: 'duty@example.cn',
      },
    });
  });
  afterAll(async () => {
    await sys.close();
    await receiver.close();
    await smtp.close();
  });

  it('opens with a hold, records steps, closes with the reference, and prints an escaped report', async () => {
    const tenant = await sys.tenant();
    const mod = await sys.store.getUser((await sys.staff('moderator')).user.id);
    const item = await itemIn(sys.store, tenant.id, 'rejected', { reviewer: mod! });
    const officer = await sys.staff('officer');

    const bad = await officer.post('/api/incidents', { title: 'x', itemIds: ['it_missing'] });
    expect(bad.status).toBe(404);
    expect((await officer.get<{ incidents: unknown[] }>('/api/incidents')).body.incidents).toHaveLength(0);

    const opened = await officer.post<{ id: string; openedAt: string; deadlineAt: string; items: string[]; overdue: boolean }>('/api/incidents', {
      title: '<script>alert(1)</script> 泄露',
      description: '第一行\n<b>第二行</b>',
      itemIds: [item],
    });
    expect(opened.status).toBe(201);
    expect(Date.parse(opened.body.deadlineAt) - Date.parse(opened.body.openedAt)).toBe(86_400_000);
    expect(opened.body.items).toEqual([item]);
    expect((await sys.store.getItem(item))?.legalHold).toBe(true);
    const id = opened.body.id;

    expect((await officer.post(`/api/incidents/${id}/steps`, { text: '已封禁账号' })).status).toBe(201);
    expect((await officer.post(`/api/incidents/${id}/steps`, { text: '' })).status).toBe(400);
    expect((await officer.post(`/api/items/${item}/legal-hold`, { hold: false, reason: 'done' })).status).toBe(409);

    const list = await officer.get<{ incidents: Array<{ id: string; dueSoon: boolean; overdue: boolean }>; overdue: boolean; dueSoon: boolean }>(
      '/api/incidents?open=1',
    );
    expect(list.body).toMatchObject({ overdue: false, dueSoon: false });
    expect(list.body.incidents.map((i) => i.id)).toContain(id);

    expect((await officer.post(`/api/incidents/${id}/close`, {})).status).toBe(400);
    const closed = await officer.post<{ status: string; reportReference: string }>(`/api/incidents/${id}/close`, { reportReference: '沪网安 2024-88' });
    expect(closed.body).toMatchObject({ status: 'closed', reportReference: '沪网安 2024-88' });
    expect((await officer.post(`/api/incidents/${id}/steps`, { text: 'late' })).status).toBe(409);

    const report = await fetch(`${sys.url}/api/incidents/${id}/report`, { headers: { cookie: officer.cookie } });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/text\/html/);
    expect(report.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await report.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;第二行&lt;/b&gt;');
    expect(html).toContain('沪网安 2024-88');
    expect(html).toContain('已封禁账号');
    expect(html).toContain(item);
  });

  it('sends the 6 h and 1 h reminders and the overdue alarm by webhook and e-mail, once each, and shows the banner', async () => {
    const inc = await sys.store.openIncident({
      title: '逾期事件',
      actor: { type: 'cli', id: null, name: 'test', ip: null },
      now: new Date(Date.now() - 25 * 3600_000),
    });
    // the alarms travel through the outbox relay to the alarms queue, all three already due
    const hooks = await sys.until(
      async () => {
        const got = receiver.delivered().filter((h) => (h.body as { incident?: { id: string } }).incident?.id === inc.id);
        return got.length >= 3 ? got : null;
      },
      20_000,
      'three alarm webhooks',
    );
    expect(hooks.map((h) => (h.body as { kind: string }).kind).sort()).toEqual(['deadline', 't1h', 't6h']);
    expect(hooks.find((h) => (h.body as { kind: string }).kind === 'deadline')?.body).toMatchObject({ type: 'incident.overdue' });
    await sys.until(async () => smtp.messages.filter((m) => m.includes(inc.id)).length >= 3, 20_000, 'three alarm e-mails');
    expect(smtp.messages.find((m) => m.includes(inc.id))).toMatch(/To: duty@example\.cn/);
    await sys.until(
      async () =>
        (sqliteOf(sys.store).db.prepare('SELECT COUNT(*) AS n FROM incident_alarms WHERE incident_id = ? AND sent_at IS NOT NULL').get(inc.id) as { n: number })
          .n === 3,
      10_000,
    );

    const officer = await sys.staff('officer');
    const list = await officer.get<{ overdue: boolean; incidents: Array<{ id: string; overdue: boolean }> }>('/api/incidents?open=1');
    expect(list.body.overdue).toBe(true);
    expect(list.body.incidents.find((i) => i.id === inc.id)?.overdue).toBe(true);
    const banner = await (await sys.staff('moderator')).get<{ overdue: boolean; incidents: { overdue: number } }>('/api/compliance/banner');
    expect(banner.body).toMatchObject({ overdue: true });
    expect(banner.body.incidents.overdue).toBeGreaterThanOrEqual(1);
    const detail = await officer.get<{ alarms: Array<{ sentAt: string | null }>; steps: Array<{ kind: string }> }>(`/api/incidents/${inc.id}`);
    expect(detail.body.alarms.every((a) => a.sentAt)).toBe(true);
    expect(detail.body.steps.filter((s) => s.kind === 'alarm')).toHaveLength(3);

    // nothing is sent twice, even if the jobs run again
    const before = receiver.delivered().length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.delivered().length).toBe(before);
  });

  it('a wiped Redis loses the delayed alarm jobs; the periodic pass re-creates them from the store', async () => {
    const inc = await sys.store.openIncident({ title: '未来事件', actor: { type: 'cli', id: null, name: 'test', ip: null } });
    const cfg = (sys.runtime as unknown as { options: { config: Config } }).options.config;
    const conn = connectRedis(process.env.SHENHE_TEST_REDIS_URL as string, { role: 'command' });
    const consumer = connectRedis(process.env.SHENHE_TEST_REDIS_URL as string, { role: 'consumer' });
    const queue = new Queue(ALARM_QUEUE, { connection: conn, prefix: cfg.queuePrefix });
    const alarms = new IncidentAlarms({ config: cfg, store: sys.store, logger: sys.runtime.logger, consumer, command: conn });
    try {
      const job = await sys.until(async () => queue.getJob(alarmJobId(inc.id, 't6h')), 10_000, 'alarm job');
      expect(await job.getState()).toBe('delayed');
      // what a wiped Redis looks like to this incident: its delayed jobs are gone
      for (const kind of ['t6h', 't1h', 'deadline'] as const) await (await queue.getJob(alarmJobId(inc.id, kind)))?.remove();
      expect(await queue.getJob(alarmJobId(inc.id, 't6h'))).toBeUndefined();
      expect(await alarms.ensure()).toBeGreaterThanOrEqual(3);
      const again = await queue.getJob(alarmJobId(inc.id, 't1h'));
      expect(await again?.getState()).toBe('delayed');
      expect(Math.abs(again!.timestamp + again!.delay - (Date.parse(inc.deadlineAt) - 3600_000))).toBeLessThan(5000);
    } finally {
      await alarms.close();
      await queue.close();
      await conn.quit();
      await consumer.quit();
    }
  });
});
