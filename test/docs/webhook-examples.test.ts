import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signatureHeader } from '../../workers/webhook-sender';
import { TestSystem, type StaffClient, type TestTenant } from '../harness/system';

const DIR = path.join(__dirname, '../../docs/examples/webhook-verify');

/** A webhook-verification example from docs/, running as its own process (as a site would run it). */
class ExampleReceiver {
  private readonly lines: string[] = [];
  stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static start(command: string, args: string[], secret: string, port = 0): Promise<ExampleReceiver> {
    const child = spawn(command, args, {
      cwd: DIR,
      env: { ...process.env, SHENHE_WEBHOOK_SECRET: secret, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((resolve, reject) => {
      let out = '';
      let receiver: ExampleReceiver | null = null;
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const parts = out.split('\n');
        out = parts.pop() ?? '';
        for (const line of parts) {
          const m = /^listening on (\d+)$/.exec(line);
          if (m && !receiver) {
            receiver = new ExampleReceiver(child, `http://127.0.0.1:${m[1]}/hook`);
            resolve(receiver);
          } else receiver?.lines.push(line);
        }
      });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        if (receiver) receiver.stderr += chunk;
      });
      child.on('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
      child.on('error', reject);
    });
  }

  /** Events the example accepted, one JSON line each. */
  events(): Array<Record<string, string>> {
    return this.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, string>);
  }

  stop(): void {
    this.child.removeAllListeners('exit');
    this.child.kill('SIGTERM');
  }
}

function installed(binary: string, versionArgs: string[]): boolean {
  return spawnSync(binary, versionArgs, { stdio: 'ignore' }).status === 0;
}

/** The fenced code block of `lang` in docs/api.md's "Verifying the signature" section. */
function documentedSnippet(lang: string): string {
  const doc = readFileSync(path.join(__dirname, '../../docs/api.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Verifying the signature'));
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section);
  if (!m) throw new Error(`docs/api.md has no ${lang} block under "Verifying the signature"`);
  return m[1];
}

describe('webhook verification examples (docs/examples/webhook-verify)', () => {
  let sys: TestSystem;
  let admin: StaffClient;

  beforeAll(async () => {
    sys = await TestSystem.start({ imageStage: null });
    admin = await sys.staff('admin');
  });
  afterAll(() => sys.close());

  /** Sends one real signed delivery to `receiver`: ingest, claim, approve; resolves with the item id once published. */
  async function approveInto(tenant: TestTenant, receiver: ExampleReceiver): Promise<{ id: string; externalId: string }> {
    expect((await admin.request('PATCH', `/api/console/tenants/${tenant.id}`, { callbackUrl: receiver.url })).status).toBe(200);
    const externalId = `ex-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const posted = await sys.post(tenant, { externalId, text: '一条评论' });
    const id = String(posted.body.id);
    await sys.until(async () => (await sys.store.getItem(id))?.status === 'pending_review', 15_000, 'pending_review');
    for (;;) {
      const claim = await admin.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
      expect(claim.status).toBe(200);
      await admin.post(`/api/review/leases/${claim.body.lease.id}/decision`, { action: 'approve' });
      if (claim.body.item.id === id) break;
    }
    return { id, externalId };
  }

  /** Forged, tampered and stale requests straight to the example: all refused with 401. */
  async function refusesForgeries(receiver: ExampleReceiver, secret: string): Promise<void> {
    const body = JSON.stringify({
      type: 'content.approved',
      id: 'it_x',
      externalId: 'forged',
      status: 'approved',
      decision: { action: 'approve', categories: [], note: null, decidedAt: new Date().toISOString() },
    });
    const now = Math.floor(Date.now() / 1000);
    const send = async (raw: string, signature: string | null): Promise<number> =>
      (
        await fetch(receiver.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-shenhe-delivery': `dl_forged_${Math.random()}`,
            ...(signature ? { 'x-shenhe-signature': signature } : {}),
          },
          body: raw,
        })
      ).status;
    expect(await send(body, null)).toBe(401);
    expect(await send(body, signatureHeader('not-the-secret', body, now))).toBe(401);
    expect(await send(body.replace('approved', 'rejected'), signatureHeader(secret, body, now))).toBe(401);
    expect(await send(body, signatureHeader(secret, body, now - 301))).toBe(401);
    expect(await send(body, `t=${now},v1=${'0'.repeat(64)}`)).toBe(401);
    expect(receiver.events().map((e) => e.externalId)).not.toContain('forged');
    // The same request properly signed is accepted: the refusals above are about the signature alone.
    expect(await send(body, signatureHeader(secret, body, now))).toBe(204);
  }

  async function runsForReal(command: string, args: string[]): Promise<void> {
    const tenant = await sys.tenant();
    const receiver = await ExampleReceiver.start(command, args, tenant.webhookSecret);
    try {
      const { id, externalId } = await approveInto(tenant, receiver);
      await sys.until(async () => (await sys.store.getItem(id))?.status === 'published', 20_000, 'published (the example answered 2xx)');
      expect(receiver.events()).toEqual([
        expect.objectContaining({ type: 'content.approved', id, externalId, status: 'approved', delivery: expect.stringMatching(/^dl_/) }),
      ]);
      await refusesForgeries(receiver, tenant.webhookSecret);
    } finally {
      receiver.stop();
    }
  }

  it('Node.js: verifies a real signed delivery (the item becomes published) and refuses forgeries', () => runsForReal(process.execPath, ['verify.js']));

  it('Python: verifies a real signed delivery and refuses forgeries', () => runsForReal('python3', ['verify.py']));

  it("Node.js: with the wrong secret it refuses shenhe's delivery, so the item is not published", async () => {
    const tenant = await sys.tenant();
    const receiver = await ExampleReceiver.start(process.execPath, ['verify.js'], `${tenant.webhookSecret}-old`);
    try {
      const { id } = await approveInto(tenant, receiver);
      const delivery = await sys.until(async () => (await sys.store.pendingDeliveries()).find((d) => d.itemId === id && d.attempts >= 1), 15_000, 'an attempt');
      expect(delivery.lastStatusCode).toBe(401);
      expect((await sys.store.getItem(id))?.status).toBe('approved');
      expect(receiver.events()).toEqual([]);
    } finally {
      receiver.stop();
    }
  });

  it.each([
    ['js', 'verify.js'],
    ['python', 'verify.py'],
    ['php', 'verify.php'],
    ['go', 'verify.go'],
  ])('docs/api.md shows the %s verify function exactly as in %s', (lang, file) => {
    const snippet = documentedSnippet(lang);
    expect(snippet.length).toBeGreaterThan(200);
    expect(readFileSync(path.join(DIR, file), 'utf8')).toContain(snippet);
  });

  const php = installed('php', ['--version']);
  it(
    php
      ? 'PHP: verifies a real signed delivery and refuses forgeries'
      : 'PHP: php is not installed here, so the PHP example is checked by the docs test above and the same scheme runs for real in Node.js',
    async () => {
      if (php) {
        const port = 20000 + Math.floor(Math.random() * 20000);
        await runsForReal('sh', ['-c', `echo "listening on ${port}"; exec php -S 127.0.0.1:${port} verify.php`]);
      } else {
        await runsForReal(process.execPath, ['verify.js']);
      }
    },
  );

  const go = installed('go', ['version']);
  it(
    go
      ? 'Go: verifies a real signed delivery and refuses forgeries'
      : 'Go: go is not installed here, so the Go example is checked by the docs test above and the same scheme runs for real in Node.js',
    async () => {
      if (go) await runsForReal('go', ['run', 'verify.go']);
      else await runsForReal(process.execPath, ['verify.js']);
    },
  );
});
