import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { loadPacks, RulePackError, shippedPacksDir } from '../../rules/packs';
import { jobIds } from '../../store/store';
import { TestSystem } from '../harness/system';
import { tempDir } from '../harness/temp';

/** An operator rule folder holding these packs (file name → YAML). */
function packDir(files: Record<string, string>): string {
  const { dir } = tempDir('shenhe-rules-');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'shenhe.js');

/** `shenhe screen --rules dir` on one line of input, in a real process; killed (exit null) after `timeoutMs`. */
function screenInProcess(dir: string, line: string, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [BIN, 'screen', '--no-classifier', '--rules', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
    proc.stdin.end(`${line}\n`);
  });
}

/** Issue 14, finding 1: operator patterns are linear-time by construction, and screening is off the API's event loop. */
describe('operator rule patterns (finding 1)', () => {
  const catastrophic = packDir({
    'redos.yaml': `category: advertising
rules:
  - id: redos.bb
    pattern: '(?:b|b)+c'
  - id: redos.xxy
    pattern: '(?:x|xx)+y'
`,
  });

  it('are accepted as linear-time rules when RE2 can run them', () => {
    const rules = loadPacks([catastrophic]).flatMap((p) => p.rules);
    expect(rules.map((r) => r.kind === 'pattern' && r.linear)).toEqual([true, true]);
  });

  it('screen the texts that froze the service at once: 40 b’s, 50,000 b’s, 40 x’s', async () => {
    const texts = ['b'.repeat(40), 'b'.repeat(50_000), 'x'.repeat(40)];
    const { code, stdout } = await screenInProcess(catastrophic, texts.map((text, i) => JSON.stringify({ id: `t${i}`, text })).join('\n'));
    expect(code).toBe(0);
    const verdicts = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; labels: unknown[] });
    expect(verdicts.map((v) => v.id)).toEqual(['t0', 't1', 't2']);
  });

  it('still match what they should', async () => {
    const { stdout } = await screenInProcess(catastrophic, JSON.stringify({ id: 'm', text: 'abbbc and xxxy' }));
    const hits = (JSON.parse(stdout) as { labels: Array<{ hits: Array<{ rule: string; text: string }> }> }).labels.flatMap((l) => l.hits);
    expect(hits).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'redos.bb', text: 'bbbc' }), expect.objectContaining({ rule: 'redos.xxy', text: 'xxxy' })]),
    );
  });

  it.each([
    ['(?<=微信)\\d{6,}', /linear time/],
    ['微信(?=\\d)', /linear time/],
    ['(?!abc)xyz', /linear time/],
  ])('are refused at load when the linear engine cannot run them: %s', (pattern, reason) => {
    const dir = packDir({ 'p.yaml': `category: advertising\nrules:\n  - id: a.b\n    pattern: '${pattern}'\n` });
    let error: unknown = null;
    try {
      loadPacks([dir]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RulePackError);
    expect((error as RulePackError).rule).toBe('a.b');
    expect((error as RulePackError).reason).toMatch(reason);
  });

  it('leave the shipped packs on V8’s engine (they are reviewed, and use lookbehind)', () => {
    const patterns = loadPacks([shippedPacksDir()])
      .flatMap((p) => p.rules)
      .filter((r) => r.kind === 'pattern');
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.filter((r) => r.linear)).toEqual([]);
    expect(patterns.some((r) => r.pattern.includes('(?<'))).toBe(true);
  });
});

describe('screening off the API’s event loop (finding 1)', () => {
  // Linear but slow: a wide counted repetition over letters makes RE2 fall back to its NFA (seconds per item).
  const slow = packDir({
    'slow.yaml': `category: advertising\nrules:\n${Array.from({ length: 12 }, (_, i) => `  - id: slow.p${i}\n    pattern: '(?:\\p{L}|\\d|\\s){1,300}[Qq]${i}z'\n`).join('')}`,
  });
  let sys: TestSystem;
  let redis: IORedis;
  beforeAll(async () => {
    sys = await TestSystem.start({ workers: ['screen'], imageStage: null, env: { SHENHE_RULES_DIR: slow } });
    redis = new IORedis(process.env.SHENHE_TEST_REDIS_URL as string, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    redis.disconnect();
    await sys.close();
  });

  it('answers /healthz while an item is being screened', async () => {
    const tenant = await sys.tenant();
    const unit = '这是一段很长的中文文本abc123 ';
    const text = unit.repeat(Math.floor(5000 / unit.length)) + Array.from({ length: 12 }, (_, i) => ` q${i}z`).join('');
    const answers: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const res = await fetch(`${sys.url}/healthz`);
        if (res.status === 200) answers.push(Date.now());
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const res = await sys.post<{ id: string }>(tenant, { externalId: 'slow-1', text });
    expect(res.status).toBe(202);
    await sys.until(async () => (await sys.store.getItem(res.body.id))?.status !== 'screening', 120_000, 'screened');
    polling = false;
    await poller;

    const verdict = await sys.store.getVerdict(res.body.id);
    expect(JSON.stringify(verdict)).toContain('slow.p11'); // the slow rules really ran
    const prefix = sys.runtime.config.queuePrefix;
    const queue = new Queue('screen', { connection: redis, prefix });
    const job = await queue.getJob(jobIds.screen(res.body.id));
    await queue.close();
    const started = job?.processedOn as number;
    const finished = job?.finishedOn as number;
    expect(finished).toBeGreaterThan(started);
    // Several answers while the item was in the worker, not only before it started or after it finished.
    expect(answers.filter((t) => t > started && t < finished).length).toBeGreaterThanOrEqual(3);
  });
});

describe('packs saved in the console (finding 1)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [], env: { SHENHE_RULES_DIR: tempDir('shenhe-console-rules-').dir } });
  });
  afterAll(() => sys.close());

  it('refuse a pattern the linear engine cannot run, naming the rule and the reason', async () => {
    const officer = await sys.staff('officer');
    const res = await officer.request('PUT', '/api/console/rules/packs/lookbehind', {
      yaml: "category: advertising\nrules:\n  - id: console.lb\n    pattern: '(?<=微信)\\d{6,}'\n",
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_PACK', message: expect.stringMatching(/console\.lb: .*linear time/) } });
  });

  it('accept (?:b|b)+c, which then screens 50,000 b’s once reloaded', async () => {
    const officer = await sys.staff('officer');
    const saved = await officer.request('PUT', '/api/console/rules/packs/bb', {
      yaml: "category: advertising\nrules:\n  - id: console.bb\n    pattern: '(?:b|b)+c'\n",
    });
    expect(saved.status).toBe(200);
    await sys.until(async () => {
      const r = await officer.get<{ engine: { rules: string } }>('/api/console/rules');
      return r.body.engine.rules.includes('+bb@');
    });
    const res = await officer.post<{ verdict: { labels: unknown[] } }>('/api/console/rules/test', { text: 'b'.repeat(50_000) });
    expect(res.status).toBe(200);
    expect(res.body.verdict.labels).toEqual([]);
    const hit = await officer.post<{ verdict: { labels: Array<{ hits: Array<{ rule: string }> }> } }>('/api/console/rules/test', { text: 'abbbc' });
    expect(hit.body.verdict.labels.flatMap((l) => l.hits.map((h) => h.rule))).toContain('console.bb');
  });
});
