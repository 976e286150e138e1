import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import IORedis from 'ioredis';
import sharp from 'sharp';
import { backupStore } from '../../compliance/backup';
import { exportRecords } from '../../compliance/export';
import { redisAddressFile } from '../../lib/data-dir';
import { recordedRedisUrl, PrivateRedis } from '../../workers/private-redis';
import { TestSystem } from '../harness/system';
import { tempDir } from '../harness/temp';

/** One inline command on a plain socket, without authenticating; the first reply line. */
function rawCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(`${command}\r\n`));
    sock.once('data', (d) => {
      sock.destroy();
      resolve(d.toString().split('\r\n')[0]);
    });
    sock.once('error', reject);
  });
}

/** Every path under `dir` whose mode is not 0600 (files) or 0700 (folders). */
function looseModes(dir: string): string[] {
  const loose: string[] = [];
  const walk = (p: string): void => {
    const st = lstatSync(p);
    const mode = st.mode & 0o777;
    if (st.isDirectory()) {
      if (mode !== 0o700) loose.push(`${path.relative(dir, p) || '.'}/ ${mode.toString(8)}`);
      for (const name of readdirSync(p)) walk(path.join(p, name));
    } else if (st.isFile() && mode !== 0o600) loose.push(`${path.relative(dir, p)} ${mode.toString(8)}`);
  };
  walk(dir);
  return loose;
}

/** Issue 14, findings 5 and 12: a private data dir, and a private Redis with a password. */
describe('the data dir is private (finding 5)', () => {
  const originalUmask = process.umask();
  afterAll(() => {
    process.umask(originalUmask);
  });

  it('holds only 0600 files in 0700 folders: store, WAL/SHM, keys, images, backups, exports', async () => {
    process.umask(0o022); // what a typical shell gives
    const tmp = tempDir('shenhe-modes-');
    const sys = await TestSystem.start({ dataDir: tmp.dir, workers: ['screen'], imageStage: null });
    try {
      const tenant = await sys.tenant();
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3c3' } })
        .png()
        .toBuffer();
      const res = await sys.post<{ id: string }>(tenant, { externalId: 'm-1', text: '你好', images: [{ name: 'a.png', data: png.toString('base64') }] });
      expect(res.status).toBe(202);
      await sys.until(async () => (await sys.store.getItem(res.body.id))?.status !== 'screening', 20_000, 'screened');
      await backupStore(sys.store, sys.dataDir, { actor: { type: 'cli', id: null, name: 'test', ip: null } });
      exportRecords(sys.store, {
        from: '2000-01-01',
        to: '2100-01-01',
        tenantId: null,
        authorId: null,
        keyword: null,
        reason: 'test',
        requester: null,
        out: path.join(sys.dataDir, 'exports', 'x.jsonl'),
        actor: { type: 'cli', id: null, name: 'test', ip: null },
      });
      const names = readdirSync(sys.dataDir);
      expect(names).toEqual(expect.arrayContaining(['shenhe.db', 'shenhe.db-wal', 'master.key', 'images', 'backups', 'exports']));
      expect(looseModes(sys.dataDir)).toEqual([]);
    } finally {
      await sys.close();
      tmp.cleanup();
    }
  });

  it('tightens a data dir an older version left readable', async () => {
    process.umask(0o022);
    const tmp = tempDir('shenhe-old-');
    const first = await TestSystem.start({ dataDir: tmp.dir, workers: [] });
    await first.runtime.close();
    const { chmodSync } = await import('node:fs');
    chmodSync(tmp.dir, 0o755);
    chmodSync(path.join(tmp.dir, 'shenhe.db'), 0o644);
    const again = await TestSystem.start({ dataDir: tmp.dir, workers: [] });
    try {
      expect(looseModes(tmp.dir)).toEqual([]);
    } finally {
      await again.close();
      tmp.cleanup();
    }
  });
});

describe('the private redis-server has a password (finding 12)', () => {
  it('refuses clients without the password, which other commands find 0600 in the data dir', async () => {
    const tmp = tempDir('shenhe-redis-');
    const redis = new PrivateRedis(tmp.dir);
    const url = await redis.start();
    try {
      const u = new URL(url);
      expect(u.password).toMatch(/^[0-9a-f]{64}$/);

      expect(await rawCommand(Number(u.port), 'PING')).toMatch(/^-NOAUTH/);

      const found = await recordedRedisUrl(tmp.dir);
      expect(found).toBe(url);
      const client = new IORedis(found as string, { maxRetriesPerRequest: 0 });
      expect(await client.ping()).toBe('PONG');
      await client.set('k', 'v'); // makes the AOF write something
      client.disconnect();

      const dir = path.join(tmp.dir, 'redis');
      expect(readFileSync(path.join(dir, 'password'), 'utf8')).toBe(u.password);
      expect(readFileSync(redisAddressFile(tmp.dir), 'utf8')).toContain(u.password);
      expect(readFileSync(path.join(dir, 'redis.log'), 'utf8')).not.toContain(u.password);
      expect(looseModes(tmp.dir)).toEqual([]);
    } finally {
      await redis.close();
      tmp.cleanup();
    }
  });

  it('keeps the same password across restarts on the same data dir', async () => {
    const tmp = tempDir('shenhe-redis-');
    const a = new PrivateRedis(tmp.dir);
    const first = new URL(await a.start()).password;
    await a.close();
    const b = new PrivateRedis(tmp.dir);
    const second = new URL(await b.start()).password;
    await b.close();
    tmp.cleanup();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toBe(first);
  });
});
