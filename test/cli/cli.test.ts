import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { tempDir } from '../harness/temp';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'shenhe.js');

function shenhe(args: string[], env: Record<string, string>, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('shenhe CLI', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('shenhe-cli-'));
    await new SqliteStore(dir).close(); // as `shenhe start` or `shenhe migrate` leave it
  });
  afterEach(() => cleanup());

  it('has --help on every command, exiting 0', () => {
    for (const args of [
      ['--help'],
      ['start', '--help'],
      ['worker', '--help'],
      ['tenant', 'create', '--help'],
      ['user', 'create', '--help'],
      ['audit', 'verify', '--help'],
    ]) {
      const r = shenhe(args, { SHENHE_DATA_DIR: dir });
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect(r.stdout).toMatch(/Usage: shenhe/);
    }
  });

  it('creates a tenant, printing the key and secret once and storing only their hashes', async () => {
    const r = shenhe(['tenant', 'create', '--name', '示例网站', '--callback-url', 'https://example.cn/hook'], { SHENHE_DATA_DIR: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; apiKey: string; webhookSecret: string };
    expect(out).toEqual({ id: expect.stringMatching(/^tn_/), apiKey: expect.stringMatching(/^sk_/), webhookSecret: expect.stringMatching(/^whsec_/) });
    const store = new SqliteStore(dir);
    const row = JSON.stringify(store.db.prepare('SELECT * FROM tenants').all());
    await store.close();
    expect(row).not.toContain(out.apiKey);
    expect(row).not.toContain(out.webhookSecret);
  });

  it('refuses a private callback URL (SSRF) and a missing name with exit code 2', () => {
    const loopback = shenhe(['tenant', 'create', '--name', 'x', '--callback-url', 'http://127.0.0.1:9000/hook'], { SHENHE_DATA_DIR: dir });
    expect(loopback.code).toBe(2);
    expect(loopback.stderr).toMatch(/--callback-url: .*SHENHE_WEBHOOK_ALLOW_PRIVATE=true/);
    expect(shenhe(['tenant', 'create', '--name', 'x', '--callback-url', 'http://localhost/hook'], { SHENHE_DATA_DIR: dir }).stderr).toMatch(
      /SHENHE_WEBHOOK_ALLOW_PRIVATE/,
    );
    expect(shenhe(['tenant', 'create', '--name', 'x', '--callback-url', 'http://10.0.0.1/hook'], { SHENHE_DATA_DIR: dir }).code).toBe(2);
    expect(shenhe(['tenant', 'create'], { SHENHE_DATA_DIR: dir }).code).toBe(2);
    expect(shenhe(['no-such-command'], { SHENHE_DATA_DIR: dir }).code).toBe(2);
  });

  it('validates the security officer’s phone and e-mail, and registers complete details', () => {
    const { id } = JSON.parse(shenhe(['tenant', 'create', '--name', 'x'], { SHENHE_DATA_DIR: dir }).stdout) as { id: string };
    const base = ['tenant', 'officer', '--tenant', id, '--name', '王五'];
    expect(shenhe([...base, '--phone', '12345', '--email', 'a@b.cn'], { SHENHE_DATA_DIR: dir }).code).toBe(2);
    expect(shenhe([...base, '--phone', '13800138000', '--email', 'not-an-email'], { SHENHE_DATA_DIR: dir }).code).toBe(2);
    expect(
      shenhe(['tenant', 'officer', '--tenant', 'tn_nope', '--name', 'a', '--phone', '13800138000', '--email', 'a@b.cn'], { SHENHE_DATA_DIR: dir }).code,
    ).toBe(1);
    const ok = shenhe([...base, '--phone', '010-88886666', '--email', 'sec@example.cn'], { SHENHE_DATA_DIR: dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ tenantId: id, officer: { name: '王五', phone: '010-88886666' } });
  });

  it('creates users from --password-stdin, refusing unknown roles and duplicate names', () => {
    const r = shenhe(['user', 'create', '--username', 'mod1', '--role', 'moderator', '--password-stdin'], { SHENHE_DATA_DIR: dir }, 'a-long-password\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: expect.stringMatching(/^us_/), username: 'mod1', role: 'moderator' });
    expect(shenhe(['user', 'create', '--username', 'mod2', '--role', 'boss', '--password', 'a-long-password'], { SHENHE_DATA_DIR: dir }).code).toBe(2);
    expect(shenhe(['user', 'create', '--username', 'mod1', '--role', 'moderator', '--password', 'a-long-password'], { SHENHE_DATA_DIR: dir }).code).toBe(1);
  });

  it('stops with a message naming the variable when the configuration is invalid', () => {
    const r = shenhe(['tenant', 'create', '--name', 'x'], { SHENHE_DATA_DIR: dir, SHENHE_RETENTION_DAYS: '30' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SHENHE_RETENTION_DAYS/);
    const port = shenhe(['tenant', 'create', '--name', 'x'], { SHENHE_DATA_DIR: dir, PORT: 'eighty' });
    expect(port.stderr).toMatch(/PORT/);
  });

  it('creates a tenant with a site URL, refusing one that is not http(s) with exit code 2', async () => {
    const r = shenhe(['tenant', 'create', '--name', '博客', '--site-url', 'https://blog.example.cn'], { SHENHE_DATA_DIR: dir });
    expect(r.code).toBe(0);
    const { id } = JSON.parse(r.stdout) as { id: string };
    const store = new SqliteStore(dir);
    const siteUrl = store.tenants.byId(id)?.siteUrl;
    await store.close();
    expect(siteUrl).toBe('https://blog.example.cn');
    const bad = shenhe(['tenant', 'create', '--name', 'x', '--site-url', 'blog.example.cn'], { SHENHE_DATA_DIR: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--site-url: /);
  });

  it('checks the shipped packs named as a folder (`rules check rules/packs`) without loading them twice', () => {
    const packs = path.resolve(__dirname, '..', '..', 'rules', 'packs');
    const r = shenhe(['rules', 'check', path.relative(process.cwd(), packs)], {});
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const shippedOnly = JSON.parse(shenhe(['rules', 'check'], {}).stdout) as { rules: number };
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, rules: shippedOnly.rules });
  });

  it('verifies an intact audit chain with exit 0', () => {
    shenhe(['tenant', 'create', '--name', 'x'], { SHENHE_DATA_DIR: dir });
    const r = shenhe(['audit', 'verify'], { SHENHE_DATA_DIR: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });
});

describe('shenhe CLI on a data dir without a store', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir('shenhe-cli-empty-')));
  afterEach(() => cleanup());

  const storeFile = (): string => path.join(dir, 'shenhe.db');

  it.each([[['audit', 'verify']], [['backup']], [['retention', 'run', '--dry-run']], [['incident', 'list']]])(
    '`shenhe %j` says there is no store, exits 1 and creates none',
    (args) => {
      const r = shenhe(args, { SHENHE_DATA_DIR: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`no shenhe store in ${dir}`);
      expect(r.stdout).toBe('');
      expect(existsSync(storeFile())).toBe(false);
    },
  );

  it('`tenant create` and `user create` set up a new data dir, creating its store (CONTRACT §1, §10)', () => {
    const t = shenhe(['tenant', 'create', '--name', '新站'], { SHENHE_DATA_DIR: dir });
    expect(t.code).toBe(0);
    expect(JSON.parse(t.stdout)).toMatchObject({ id: expect.stringMatching(/^tn_/) });
    expect(existsSync(storeFile())).toBe(true);
    const other = tempDir('shenhe-cli-empty-');
    try {
      const u = shenhe(['user', 'create', '--username', 'u1', '--role', 'moderator', '--password', 'a-long-password'], { SHENHE_DATA_DIR: other.dir });
      expect(u.code).toBe(0);
      expect(existsSync(path.join(other.dir, 'shenhe.db'))).toBe(true);
    } finally {
      other.cleanup();
    }
  });

  it('`shenhe migrate` creates the store, after which the other commands work', () => {
    const m = shenhe(['migrate'], { SHENHE_DATA_DIR: dir });
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout)).toEqual({ store: storeFile(), version: expect.any(Number) });
    const audit = shenhe(['audit', 'verify'], { SHENHE_DATA_DIR: dir });
    expect(audit.code).toBe(0);
    expect(shenhe(['migrate'], { SHENHE_DATA_DIR: dir }).code).toBe(0); // again: nothing pending, still fine
  });
});
